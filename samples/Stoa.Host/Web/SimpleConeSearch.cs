using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stoa.Worktables.Access;
using Stoa.Worktables.Vo;

namespace Stoa.Host.Web;

/// <summary>
/// <c>GET /t/{table}/scs?RA=…&amp;DEC=…&amp;SR=…</c>: IVOA Simple Cone Search 1.03 over a worktable, answered by the
/// library's <see cref="UserWorktable.ConeSearch"/> (a VOTable of the rows in the cone, nearest first, as
/// <c>text/xml</c>). Parameter names are matched in any case; other parameters (VERB, …) are ignored, as SCS asks.
/// </summary>
/// <remarks>
/// A missing, repeated, non-numeric or out-of-range RA, DEC or SR is answered the SCS 1.03 way (§2, item 3): HTTP 200
/// with a stub VOTable whose <c>INFO name="Error"</c> is a child of <c>VOTABLE</c> (the place SCS prefers, as in
/// erratum 3's example), plus a DALI <c>INFO name="QUERY_STATUS" value="ERROR"</c> in the results resource (allowed
/// next to it by erratum 1). SCS clients (TOPCAT, pyvo) look for these in the body; an HTTP error status would hide the
/// message from those that stop at the status. A table without position columns is not a bad query but a table this
/// search cannot serve: 400 with the library's message, as the app answers every other library error.
/// </remarks>
internal static class SimpleConeSearch
{
    private const string ContentType = "text/xml; charset=utf-8";

    /// <summary>The search result, or the SCS error document for bad parameters.</summary>
    /// <exception cref="Stoa.Worktables.Errors.WorktableException">The table has no RA/Dec columns (400 by the endpoint filter).</exception>
    public static IResult Answer(HttpContext context, UserWorktable table) =>
        Answer(context, (stream, ra, dec, sr) => table.ConeSearch(stream, ra, dec, sr));

    /// <summary>The search result written by <paramref name="search"/> (the stream, RA, DEC, SR), or the SCS error document.</summary>
    public static IResult Answer(HttpContext context, Func<Stream, double, double, double, int> search)
    {
        var query = context.Request.Query;
        var (ra, raError) = Degrees(query, "RA");
        var (dec, decError) = Degrees(query, "DEC");
        var (sr, srError) = Degrees(query, "SR");
        if ((raError ?? decError ?? srError) is { } error)
        {
            return ErrorDocument(error);
        }

        try
        {
            return BufferedExport.Write(context, s => search(s, ra, dec, sr), ContentType, null);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName is "ra" or "dec" or "sr")
        {
            // The library owns the ranges (RA 0–360, DEC ±90, SR 0–180 degrees); its message says which and why.
            return ErrorDocument(string.Create(CultureInfo.InvariantCulture, $"{LibraryMessage(e)} Given: {e.ActualValue}."));
        }
    }

    /// <summary>
    /// The library's sentence alone: .NET appends the parameter name and the value to the message of an
    /// <see cref="ArgumentOutOfRangeException"/> (as bare resource keys in this build, which sets UseSystemResourceKeys).
    /// </summary>
    private static string LibraryMessage(ArgumentOutOfRangeException e)
    {
        var appended = new ArgumentOutOfRangeException(e.ParamName, e.ActualValue, string.Empty).Message;
        return e.Message.EndsWith(appended, StringComparison.Ordinal) ? e.Message[..^appended.Length] : e.Message.ReplaceLineEndings(" ");
    }

    /// <summary>One parameter in decimal degrees, or why it is not usable.</summary>
    private static (double Value, string? Error) Degrees(IQueryCollection query, string name)
    {
        // IQueryCollection compares names without regard to case, so ra, Ra and RA are the same parameter.
        var values = query[name];
        if (values.Count == 0)
        {
            return (0, $"missing parameter {name}: Simple Cone Search needs RA, DEC and SR in decimal degrees.");
        }

        if (values.Count > 1)
        {
            return (0, $"{name} is given {values.Count} times; give it once.");
        }

        var text = values[0] ?? string.Empty;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (0, $"{name}: '{text}' is not a decimal number of degrees.");
    }

    private static IResult ErrorDocument(string message)
    {
        // Stoa.Worktables writes the document (the same one its TAP service answers errors with).
        using var buffer = new MemoryStream();
        VoService.WriteError(buffer, message);
        return Results.Bytes(buffer.ToArray(), ContentType);
    }
}

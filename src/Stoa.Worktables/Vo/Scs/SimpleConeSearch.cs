using Stoa.Worktables.Access;

namespace Stoa.Worktables.Vo.Scs;

/// <summary>
/// IVOA Simple Cone Search 1.03 answers, whatever serves them over HTTP: parse the request's parameters, run the cone
/// on a worktable and write the VOTable (<see cref="ContentType"/>, HTTP 200) to a stream. Bad parameters are
/// answered the SCS 1.03 way (section 2, item 3): a stub VOTable whose <c>INFO name="Error"</c> says what is wrong,
/// plus DALI's <c>INFO name="QUERY_STATUS" value="ERROR"</c>, still with HTTP 200, since SCS clients (TOPCAT, pyvo)
/// read the message from the body.
/// </summary>
public static class SimpleConeSearch
{
    /// <summary>The media type of every answer: <c>text/xml; charset=utf-8</c>.</summary>
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>Answers a cone search on a table as one user sees it (the user needs the Export role).</summary>
    /// <param name="table">The table.</param>
    /// <param name="parameters">The request's parameters as (name, value) pairs (see <see cref="ConeSearchRequest.TryParse"/>).</param>
    /// <param name="output">Where the VOTable goes; not closed.</param>
    /// <returns>How many rows matched, or the error the document reports.</returns>
    /// <exception cref="Errors.WorktableException">The table has no RA/Dec columns: not a bad query but a table this search cannot serve.</exception>
    /// <exception cref="Errors.AccessDeniedException">The user may not export the table.</exception>
    public static ConeSearchAnswer Write(UserWorktable table, IEnumerable<KeyValuePair<string, string?>> parameters, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Write(parameters, output, (r, s) => table.ConeSearch(s, r.Ra, r.Dec, r.Sr));
    }

    /// <summary>Answers an anonymous cone search on a published table.</summary>
    /// <param name="service">The project's VO service.</param>
    /// <param name="table">The published table's name (without case).</param>
    /// <param name="parameters">The request's parameters as (name, value) pairs (see <see cref="ConeSearchRequest.TryParse"/>).</param>
    /// <param name="output">Where the VOTable goes; not closed.</param>
    /// <returns>How many rows matched, or the error the document reports.</returns>
    /// <exception cref="Errors.WorktableException">No published table of that name, or it has no RA/Dec columns.</exception>
    public static ConeSearchAnswer Write(VoService service, string table, IEnumerable<KeyValuePair<string, string?>> parameters, Stream output)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Write(parameters, output, (r, s) => service.ConeSearch(table, s, r.Ra, r.Dec, r.Sr));
    }

    /// <summary>Writes the SCS 1.03 error document: a stub VOTable with <c>INFO name="Error"</c> and <c>QUERY_STATUS=ERROR</c>.</summary>
    /// <param name="output">Where it goes; not closed.</param>
    /// <param name="message">What is wrong, in one sentence.</param>
    public static void WriteError(Stream output, string message) => VoService.WriteError(output, message);

    private static ConeSearchAnswer Write(IEnumerable<KeyValuePair<string, string?>> parameters, Stream output, Func<ConeSearchRequest, Stream, int> search)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ConeSearchRequest.TryParse(parameters, out var request, out var error))
        {
            WriteError(output, error);
            return new ConeSearchAnswer(0, error);
        }

        return new ConeSearchAnswer(search(request, output), null);
    }
}

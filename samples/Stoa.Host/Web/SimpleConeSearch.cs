using Microsoft.AspNetCore.Http;
using Stoa.Worktables.Vo.Scs;

namespace Stoa.Host.Web;

/// <summary>
/// <c>GET /t/{table}/scs?RA=…&amp;DEC=…&amp;SR=…</c> and <c>GET /scs/{table}</c>: maps the HTTP request to the library's
/// <see cref="Stoa.Worktables.Vo.Scs.SimpleConeSearch"/> (parameters, cone, VOTable or SCS error document, HTTP 200).
/// A table without position columns throws <see cref="Stoa.Worktables.Errors.WorktableException"/> (400 by the caller).
/// </summary>
internal static class SimpleConeSearch
{
    /// <summary>The answer <paramref name="write"/> gives to the request's query parameters, buffered.</summary>
    public static IResult Answer(HttpContext context, Func<IEnumerable<KeyValuePair<string, string?>>, Stream, ConeSearchAnswer> write) =>
        BufferedExport.Write(context, s => write(Parameters(context), s), Worktables.Vo.Scs.SimpleConeSearch.ContentType, null);

    private static IEnumerable<KeyValuePair<string, string?>> Parameters(HttpContext context) =>
        context.Request.Query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stoa.Worktables.Vo.Tap;

namespace Stoa.Host.Web.Vo;

/// <summary>
/// The DALI/TAP parameters of a request: query string and form body together, names without case (DALI §3.1). The
/// host only reads them; what they mean is Stoa.Worktables' <see cref="Stoa.Worktables.Vo.VoService"/>.
/// </summary>
internal sealed class TapParameters
{
    private readonly Dictionary<string, string> _values;

    private readonly string? _formError;

    private TapParameters(Dictionary<string, string> values, string? formError)
    {
        _values = values;
        _formError = formError;
    }

    public IReadOnlyDictionary<string, string> All => _values;

    public static async Task<TapParameters> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Query)
        {
            values[name] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
                foreach (var (name, value) in form)
                {
                    values[name] = value.ToString();
                }
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                // A malformed or oversized form body is the client's mistake: an error document, not a 500.
                return new TapParameters(values, $"the form body cannot be read: {e.Message}");
            }
        }

        return new TapParameters(values, null);
    }

    public string? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>The query and its options, or the message saying which parameter is wrong.</summary>
    public (string? Query, TapQueryOptions? Options, string? Error) QueryRequest()
    {
        if (_formError is not null)
        {
            return (null, null, _formError);
        }

        if (this["REQUEST"] is { } request && !request.Equals("doQuery", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, $"REQUEST={request}: this service knows REQUEST=doQuery only (TAP 1.1 lets it be left out).");
        }

        if (this["LANG"] is not { } lang)
        {
            return (null, null, "missing parameter LANG: give LANG=ADQL (TAP 1.1 §2.3.1).");
        }

        if (lang.ToUpperInvariant() is not ("ADQL" or "ADQL-2.0" or "ADQL-2.1"))
        {
            return (null, null, $"LANG={lang}: this service speaks ADQL (ADQL-2.0, ADQL-2.1) only.");
        }

        if (this["QUERY"] is not { Length: > 0 } query)
        {
            return (null, null, "missing parameter QUERY: give an ADQL query, e.g. SELECT TOP 10 * FROM TAP_SCHEMA.tables.");
        }

        long? maxRec = null;
        if (this["MAXREC"] is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return (null, null, $"MAXREC={text}: give a whole number of rows, 0 or more.");
            }

            maxRec = n;
        }

        var format = this["RESPONSEFORMAT"] ?? this["FORMAT"];
        TapFormat? parsed = format?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            null or "votable" or "votable/td" or "application/x-votable+xml" or "text/xml" or "application/x-votable+xml;serialization=tabledata" => TapFormat.VoTable,
            "votable/b2" or "binary2" or "application/x-votable+xml;serialization=binary2" => TapFormat.VoTableBinary2,
            "csv" or "text/csv" or "text/csv;header=present" => TapFormat.Csv,
            _ => null,
        };
        return parsed is { } f
            ? (query, new TapQueryOptions { MaxRec = maxRec, Format = f }, null)
            : (null, null, $"RESPONSEFORMAT={format}: this service writes votable (application/x-votable+xml), votable/b2 (serialization=binary2) or csv (text/csv).");
    }

    public static string ContentType(TapFormat format) => format == TapFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/x-votable+xml";
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Stoa.Host.Commands.Table;
using Stoa.Worktables.Export;

namespace Stoa.Host.Web;

/// <summary>
/// <c>GET /t/{table}/export/{format}</c>: the whole table as a download through the user's checked view
/// (<see cref="Stoa.Worktables.Access.UserWorktable"/>), so the library decides whether the role may export.
/// </summary>
internal static class TableExports
{
    /// <summary>The formats, as the route names them.</summary>
    public static readonly IReadOnlyList<string> Formats = ["fits", "votable", "csv", "json"];

    /// <summary>
    /// The export of <paramref name="access"/> in <paramref name="format"/>: <c>fits</c> (a FITS BINTABLE),
    /// <c>votable</c> (VOTable 1.4, <c>TABLEDATA</c> unless <paramref name="serialization"/> is <c>binary2</c>),
    /// <c>csv</c>, or <c>json</c> (the document of <c>stoa table export --format json</c>, system fields always in).
    /// <paramref name="hidden"/> <c>1</c> adds the system fields (row id, status, hashes, times) to the first three.
    /// A bad format or parameter is a 400 with a message; the library's refusal propagates (403 by the endpoint filter).
    /// </summary>
    public static IResult Download(HttpContext context, TableAccess access, string format, string? serialization, string? hidden)
    {
        if (!Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            return BadRequest($"unknown export format '{format}' ({string.Join(", ", Formats)}).");
        }

        var votable = string.Equals(format, "votable", StringComparison.OrdinalIgnoreCase);
        if (serialization is not null && !votable)
        {
            return BadRequest("'serialization' applies to the votable export only.");
        }

        var rows = VoTableSerialization.TableData;
        if (serialization is not null && !TryParseSerialization(serialization, out rows))
        {
            return BadRequest($"unknown VOTable serialization '{serialization}' (tabledata, binary2).");
        }

        bool systemFields;
        switch (hidden)
        {
            case null or "0" or "false":
                systemFields = false;
                break;
            case "1" or "true":
                systemFields = true;
                break;
            default:
                return BadRequest($"'hidden' is 1 (add the system fields) or 0, not '{hidden}'.");
        }

        var table = access.User;
        return format.ToLowerInvariant() switch
        {
            "fits" => File(context, $"{table.Name}.fits", s => table.ExportFits(s, systemFields)),
            "votable" => File(context, $"{table.Name}.vot", s => table.ExportVoTable(s, rows, systemFields)),
            "csv" => File(context, $"{table.Name}.csv", s =>
            {
                using var text = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
                table.ExportCsv(text, systemFields);
            }),
            // The library's JSON table document with every field, as `stoa table export -f json` writes it.
            _ => BufferedExport.Write(context, s => table.ExportJson(s, JsonExportOptions.All with { Indented = false }), "application/json", null),
        };
    }

    /// <summary>Reads a VOTable serialization by the name the web app uses (<c>tabledata</c>, <c>binary2</c>; any case).</summary>
    public static bool TryParseSerialization(string name, out VoTableSerialization serialization)
    {
        switch (name.ToLowerInvariant())
        {
            case "tabledata":
                serialization = VoTableSerialization.TableData;
                return true;
            case "binary2":
                serialization = VoTableSerialization.Binary2;
                return true;
            default:
                serialization = default;
                return false;
        }
    }

    private static BufferedExport File(HttpContext context, string name, Action<Stream> export) =>
        BufferedExport.Write(context, export, FileKinds.ContentType(name), name);

    private static IResult BadRequest(string message) => Results.Text(message, statusCode: StatusCodes.Status400BadRequest);
}

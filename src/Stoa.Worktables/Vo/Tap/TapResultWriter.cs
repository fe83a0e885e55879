using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Stoa.Worktables.Export;
using Stoa.Worktables.Model;
using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Vo.Tap;

/// <summary>Writes a query result as the VOTable export does (TABLEDATA or BINARY2), or as CSV, and the DALI error document.</summary>
internal static class TapResultWriter
{
    private const string Namespace = "http://www.ivoa.net/xml/VOTable/v1.3";

    public static void Write(Stream stream, AdqlResult result, TapFormat format)
    {
        if (format == TapFormat.Csv)
        {
            WriteCsv(stream, result);
            return;
        }

        // Each result row becomes a row snapshot so that the worktable VOTable writer, with its type mapping and
        // BINARY2 encoder, serves query results unchanged.
        var columns = result.Columns.Select(c => new ExportColumn
        {
            Name = c.Name,
            Unit = c.Unit,
            Ucd = c.Ucd,
            Description = c.Description,
            Kind = c.Kind,
            Read = r => r.Inputs.GetValueOrDefault(c.Name),
        }).ToList();
        var rows = new List<WorktableRow>(result.Rows.Count);
        for (var i = 0; i < result.Rows.Count; i++)
        {
            var cells = new Dictionary<string, JsonNode?>(columns.Count, StringComparer.Ordinal);
            for (var k = 0; k < columns.Count; k++)
            {
                if (result.Rows[i][k] is { } v)
                {
                    cells[columns[k].Name] = Json(v, columns[k].Kind);
                }
            }

            var row = new WorktableRow(i, cells, cells);
            rows.Add(row);
            foreach (var c in columns)
            {
                if (c.Kind == ExportKind.Text)
                {
                    c.Measure(row);
                }
            }
        }

        var serialization = format == TapFormat.VoTableBinary2 ? VoTableSerialization.Binary2 : VoTableSerialization.TableData;
        VoTableExport.Write(stream, "result", columns, rows, serialization, [("QUERY_STATUS", result.Overflow ? "OVERFLOW" : "OK")]);
    }

    private static JsonNode Json(object v, ExportKind kind) => kind switch
    {
        ExportKind.Boolean => JsonValue.Create((bool)v),
        ExportKind.Int or ExportKind.Long => JsonValue.Create(Convert.ToInt64(v, CultureInfo.InvariantCulture)),
        ExportKind.Float or ExportKind.Double => JsonValue.Create(Convert.ToDouble(v, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Text(v)),
    };

    private static string Text(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static void WriteCsv(Stream stream, AdqlResult result)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        writer.Write(string.Join(",", result.Columns.Select(c => CsvExport.Quote(c.Name))));
        writer.Write("\r\n");
        foreach (var row in result.Rows)
        {
            writer.Write(string.Join(",", row.Select(v => v is null ? "" : CsvExport.Quote(Text(v)))));
            writer.Write("\r\n");
        }
    }

    /// <summary>
    /// The DALI error document: a VOTable whose results resource holds <c>INFO name="QUERY_STATUS" value="ERROR"</c>
    /// with the message as its text, and, for Simple Cone Search 1.03 clients (§2, item 3), an <c>INFO name="Error"</c>
    /// child of <c>VOTABLE</c> with the message as its value (erratum 3's place; DALI allows the extra INFO).
    /// </summary>
    public static void WriteError(Stream stream, string message)
    {
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("VOTABLE", Namespace);
        w.WriteAttributeString("version", "1.4");
        w.WriteStartElement("INFO", Namespace);
        w.WriteAttributeString("ID", "Error");
        w.WriteAttributeString("name", "Error");
        w.WriteAttributeString("value", message);
        w.WriteEndElement();
        w.WriteStartElement("RESOURCE", Namespace);
        w.WriteAttributeString("type", "results");
        w.WriteStartElement("INFO", Namespace);
        w.WriteAttributeString("name", "QUERY_STATUS");
        w.WriteAttributeString("value", "ERROR");
        w.WriteString(message);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Export;

/// <summary>
/// RFC 4180 CSV: a header of column names, one line per row. Numbers and booleans as JSON writes them (invariant,
/// round-trippable), strings as they are, File/Directory cells as their location, arrays and records as compact
/// JSON; empty cells empty. Hidden system fields (row id, status, hashes, times) only when asked.
/// </summary>
internal static class CsvExport
{
    public static void Write(Worktable table, TextWriter writer, bool includeSystemFields)
    {
        var columns = table.Columns;
        var header = columns.Select(c => c.Name).ToList();
        if (includeSystemFields)
        {
            header.InsertRange(0, SystemFields.Names);
        }

        writer.Write(string.Join(",", header.Select(Quote)));
        writer.Write("\r\n");
        foreach (var row in table.Rows())
        {
            var cells = new List<string>();
            if (includeSystemFields)
            {
                cells.AddRange(SystemFields.Values(row).Select(v => v ?? ""));
            }

            cells.AddRange(columns.Select(c => Text(row[c.Name])));
            writer.Write(string.Join(",", cells.Select(Quote)));
            writer.Write("\r\n");
        }
    }

    /// <summary>The text of one cell; empty for an empty cell.</summary>
    internal static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject o when o["location"] is JsonValue loc => loc.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    internal static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

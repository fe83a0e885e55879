using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stoa.Worktables.Export;

/// <summary>
/// JSON: <c>{"table", "columns": [{name, type, role, unit, ucd, description}], "rows": [{column: value}]}</c>,
/// streamed row by row. Cells are the stored CWL values; empty cells are <c>null</c>. Hidden fields only when asked.
/// </summary>
internal static class JsonExport
{
    public static void Write(Worktable table, Stream stream, bool includeSystemFields)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("table", table.Name);
        w.WriteStartArray("columns");
        foreach (var c in table.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.Type.ToString());
            w.WriteString("role", c.Role.ToString());
            w.WriteString("unit", c.Unit);
            w.WriteString("ucd", c.Ucd);
            w.WriteString("description", c.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var row in table.Rows())
        {
            w.WriteStartObject();
            if (includeSystemFields)
            {
                var values = SystemFields.Values(row);
                for (var i = 0; i < SystemFields.Names.Length; i++)
                {
                    w.WriteString(SystemFields.Names[i], values[i]);
                }
            }

            foreach (var c in table.Columns)
            {
                w.WritePropertyName(c.Name);
                if (row[c.Name] is { } value)
                {
                    value.WriteTo(w);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

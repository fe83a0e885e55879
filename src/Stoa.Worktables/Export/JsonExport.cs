using System.Text.Json;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Export;

/// <summary>
/// The JSON table document, streamed row by row: <c>table</c>, <c>workflow</c>, <c>workflow_hash</c>, <c>key</c>,
/// <c>columns</c> (<c>name</c>, <c>role</c>, <c>type</c>, <c>unit</c>, <c>ucd</c>, <c>description</c>), <c>counts</c>
/// (rows by status), <c>pending_workflow_change</c> when a file check is given, then <c>rows</c>: each with the fields
/// <see cref="JsonExportOptions"/> asks for, then <c>inputs</c> and <c>outputs</c> as the stored CWL job values.
/// </summary>
internal static class JsonExport
{
    public static void Write(Worktable table, Stream stream, JsonExportOptions options)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = options.Indented });
        w.WriteStartObject();
        w.WriteString("table", table.Name);
        w.WriteString("workflow", table.Workflow.Name);
        w.WriteString("workflow_hash", table.Workflow.Hash);
        w.WriteStartArray("key");
        foreach (var k in table.KeyColumns)
        {
            w.WriteStringValue(k);
        }

        w.WriteEndArray();
        w.WriteStartArray("columns");
        foreach (var c in table.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("role", c.Role.ToString().ToLowerInvariant());
            w.WriteString("type", c.Type.ToString());
            w.WriteString("unit", c.Unit);
            w.WriteString("ucd", c.Ucd);
            w.WriteString("description", c.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("counts");
        foreach (var (status, count) in table.CountByStatus())
        {
            w.WriteNumber(status.ToString(), count);
        }

        w.WriteEndObject();
        if (options.FileCheck is { } check)
        {
            w.WriteString("pending_workflow_change", check.PendingWorkflowChange?.ToString());
        }

        w.WriteStartArray("rows");
        foreach (var row in options.RowIds is { } ids ? ids.Select(table.GetRow) : table.Rows())
        {
            WriteRow(w, row, options);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter w, WorktableRow row, JsonExportOptions options)
    {
        w.WriteStartObject();
        if (options.IncludeSystemFields)
        {
            w.WriteNumber("row_id", row.RowId);
            w.WriteString("status", row.Status.ToString());
            w.WriteNumber("attempts", row.Attempts);
            w.WriteString("run_id", row.RunId);
            Time(w, "queued_utc", row.QueuedUtc);
            Time(w, "started_utc", row.StartedUtc);
            Time(w, "finished_utc", row.FinishedUtc);
            w.WriteString("input_hash", row.InputHash);
            w.WriteString("workflow_hash", row.WorkflowHash);
            w.WriteString("output_hash", row.OutputHash);
        }

        if (options.IncludeErrors)
        {
            w.WriteString("error", row.Error);
            w.WriteString("log", row.LogLocation);
        }

        if (options.IncludeReasons)
        {
            w.WriteStartArray("reasons");
            foreach (var reason in row.Reasons)
            {
                w.WriteStringValue(reason);
            }

            w.WriteEndArray();
        }

        Cells(w, "inputs", row.Inputs);
        Cells(w, "outputs", row.Outputs);
        w.WriteEndObject();
    }

    // The stored job values as they are: outputs stay empty until a run succeeded.
    private static void Cells(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> cells)
    {
        w.WriteStartObject(name);
        foreach (var (column, value) in cells)
        {
            w.WritePropertyName(column);
            if (value is null)
            {
                w.WriteNullValue();
            }
            else
            {
                value.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTime? t)
    {
        if (t is { } value)
        {
            w.WriteString(name, DateTime.SpecifyKind(value, DateTimeKind.Utc));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

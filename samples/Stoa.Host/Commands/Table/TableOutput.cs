using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stoa.Worktables;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Export;
using Stoa.Worktables.Model;

namespace Stoa.Host.Commands.Table;

/// <summary>How the table commands print: a rendered Spectre table for people, JSON for scripts.</summary>
internal static class TableOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes the table to stdout as the library's JSON table document with every optional field
    /// (<see cref="JsonExportOptions.All"/>), streamed row by row.
    /// </summary>
    /// <param name="table">The worktable.</param>
    /// <param name="options">Which rows, and a file check just made (adds <c>pending_workflow_change</c>). Default: all rows, no check.</param>
    public static void WriteTable(IWorktable table, JsonExportOptions? options = null)
    {
        using var stdout = Console.OpenStandardOutput();
        table.ExportJson(stdout, Everything(options) with { Indented = true });
        stdout.Write("\n"u8);
    }

    /// <summary>One row as the table document writes it: the same fields a <c>show --json</c> row has.</summary>
    public static JsonObject RowJson(IWorktable table, long id)
    {
        using var buffer = new MemoryStream();
        table.ExportJson(buffer, Everything(new JsonExportOptions { RowIds = [id] }));
        return JsonNode.Parse(buffer.ToArray())!["rows"]![0]!.DeepClone().AsObject();
    }

    private static JsonExportOptions Everything(JsonExportOptions? options) =>
        (options ?? JsonExportOptions.All) with { IncludeSystemFields = true, IncludeReasons = true, IncludeErrors = true };

    /// <summary>
    /// The result of a recompute as JSON: the counts, <c>rows_run</c> (the ids of the rows that started, in order) and
    /// <c>rows</c> (each of them with its status when the recompute ended).
    /// </summary>
    public static JsonObject ResultJson(RecomputeResult result) => new()
    {
        ["table"] = result.Table,
        ["planned"] = result.Planned,
        ["succeeded"] = result.Succeeded,
        ["failed"] = result.Failed,
        ["superseded"] = result.Superseded,
        ["rows_run"] = new JsonArray([.. result.Rows.Select(r => JsonValue.Create(r.RowId))]),
        ["rows"] = new JsonArray([.. result.Rows.Select(r => (JsonNode)new JsonObject { ["row_id"] = r.RowId, ["status"] = r.Status.ToString() })]),
    };

    /// <summary>Writes <paramref name="node"/> to stdout, indented.</summary>
    public static void WriteJson(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(Indented));

    /// <summary>Renders <paramref name="table"/> with one line per row, its status coloured.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="table">The worktable.</param>
    /// <param name="only">The columns to show (default: all).</param>
    public static void Render(IAnsiConsole console, IWorktable table, IReadOnlyCollection<string>? only = null)
    {
        var columns = table.Columns.Where(c => only is null || only.Contains(c.Name)).ToList();
        var grid = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(table.Name)}[/] ← {Markup.Escape(table.Workflow.Name)}");
        grid.AddColumn("row");
        grid.AddColumn("status");
        foreach (var c in columns)
        {
            var unit = c.Unit is null ? string.Empty : $" [grey][[{Markup.Escape(c.Unit)}]][/]";
            grid.AddColumn(c.Role == ColumnRole.Input ? $"{Markup.Escape(c.Name)}{unit}" : $"[blue]{Markup.Escape(c.Name)}[/]{unit}");
        }

        foreach (var row in table.Rows())
        {
            var cells = new List<string> { row.RowId.ToString(CultureInfo.InvariantCulture), StatusMarkup(row.Status) };
            cells.AddRange(columns.Select(c => Markup.Escape(Cell(row[c.Name]))));
            grid.AddRow([.. cells]);
        }

        console.Write(grid);
        var counts = table.CountByStatus().Where(p => p.Value > 0).Select(p => $"{p.Value} {p.Key}");
        console.MarkupLine($"[grey]{Markup.Escape(string.Join(", ", counts))}[/]");
        foreach (var row in table.Rows().Where(r => r.Status is RowStatus.Stale or RowStatus.Pending && r.Reasons.Count > 0))
        {
            console.MarkupLineInterpolated($"[olive]row {row.RowId} {row.Status}:[/] {string.Join("; ", row.Reasons)}");
        }

        foreach (var row in table.Rows().Where(r => r.Status == RowStatus.Failed))
        {
            console.MarkupLineInterpolated($"[red]row {row.RowId} failed:[/] {row.Error ?? "(no message)"}");
            if (row.LogLocation is not null)
            {
                console.MarkupLineInterpolated($"  log: {row.LogLocation}");
            }
        }
    }

    /// <summary>A short display form of a cell: a File by its name, other values as compact JSON.</summary>
    public static string Cell(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return string.Empty;
            case JsonObject o when (string?)o["class"] is "File" or "Directory":
                var name = (string?)o["basename"] ?? Path.GetFileName((string?)o["location"] ?? string.Empty);

                // Stored outputs are named by their SHA-1: a prefix identifies them.
                return name.Length > 16 ? string.Concat(name.AsSpan(0, 10), "…") : name;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d):
                return d.ToString("G6", CultureInfo.InvariantCulture);
            default:
                var text = value.ToJsonString();
                return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");
        }
    }

    private static string StatusMarkup(RowStatus status) => status switch
    {
        RowStatus.Succeeded => "[green]Succeeded[/]",
        RowStatus.Failed => "[red]Failed[/]",
        RowStatus.Running => "[yellow]Running[/]",
        RowStatus.Queued => "[yellow]Queued[/]",
        RowStatus.Stale => "[olive]Stale[/]",
        RowStatus.Cancelled => "[grey]Cancelled[/]",
        _ => "[grey]Pending[/]",
    };
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tracking;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table status</c> (is every row true to the files on disk now, and if not why) and <c>stoa table
/// rebind</c> (accept a workflow whose columns changed). Both are calls into <see cref="Worktable.CheckFiles"/> and
/// <see cref="Worktable.Rebind"/>.
/// </summary>
internal static class TableStatusCommands
{
    /// <summary><c>stoa table status TABLE</c>.</summary>
    public static Command Status(Option<string> project, Option<bool> json)
    {
        var name = new Argument<string>("TABLE") { Description = "The worktable." };
        var user = ActingUser.Option();
        var command = new Command("status", "Check the table's input files and workflow against the disk, then print the counts by status and why each row needs a run.") { name, user };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var table = p.OpenTable(tableName, parse.GetValue(user));
            var check = table.CheckFiles();
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(StatusJson(table, check));
            }
            else
            {
                RenderStatus(AnsiConsole.Console, table, check);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>stoa table rebind TABLE [--drop-columns]</c>.</summary>
    public static Command Rebind(Option<string> project, Option<bool> json)
    {
        var name = new Argument<string>("TABLE") { Description = "The worktable." };
        var drop = new Option<bool>("--drop-columns") { Description = "Accept removed or retyped input columns: their values are dropped from every row." };
        var user = ActingUser.Option();
        var command = new Command("rebind", "Bind the table to its workflow as it is on disk now, accepting changed columns (Owner; added columns start empty or at their defaults).") { name, drop, user };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var table = p.OpenTable(tableName, parse.GetValue(user));
            var before = table.Workflow.Hash;
            var stale = table.Rebind(parse.GetValue(drop));
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(new JsonObject
                {
                    ["table"] = table.Name,
                    ["workflow_hash_before"] = before,
                    ["workflow_hash"] = table.Workflow.Hash,
                    ["rows_stale"] = stale,
                    ["columns"] = new JsonArray([.. table.Columns.Select(c => JsonValue.Create($"{c.Name}: {c.Type}"))]),
                });
            }
            else
            {
                Console.WriteLine(before == table.Workflow.Hash
                    ? $"{table.Name}: already bound to {table.Workflow.DocumentPath} as it is on disk; nothing changed"
                    : $"{table.Name}: rebound to {table.Workflow.DocumentPath} (version {table.Workflow.Hash[..12]}); {stale} row(s) Stale; columns {string.Join(", ", table.Columns.Select(c => $"{c.Name}: {c.Type}"))}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The status document: counts, what the check found, the pending workflow change and every row that needs a run with its reasons.</summary>
    public static JsonObject StatusJson(IWorktable table, FileCheckResult check) => new()
    {
        ["table"] = table.Name,
        ["workflow_hash"] = table.Workflow.Hash,
        ["counts"] = new JsonObject(table.CountByStatus().Select(p => KeyValuePair.Create(p.Key.ToString(), (JsonNode?)p.Value))),
        ["check"] = CheckJson(check),
        ["rows"] = new JsonArray([.. table.Rows().Where(r => r.Status != RowStatus.Succeeded).Select(r => (JsonNode)new JsonObject
        {
            ["row_id"] = r.RowId,
            ["status"] = r.Status.ToString(),
            ["reasons"] = new JsonArray([.. r.Reasons.Select(x => JsonValue.Create(x))]),
            ["error"] = r.Error,
        })]),
    };

    /// <summary>What one check found, as JSON.</summary>
    public static JsonObject CheckJson(FileCheckResult check) => new()
    {
        ["files_checked"] = check.FilesChecked,
        ["files_read"] = check.FilesRead,
        ["rows_changed"] = new JsonArray([.. check.RowsChanged.Select(r => JsonValue.Create(r))]),
        ["missing_files"] = new JsonArray([.. check.MissingFiles.Select(f => JsonValue.Create(f))]),
        ["changed_workflow_files"] = new JsonArray([.. check.ChangedWorkflowFiles.Select(f => JsonValue.Create(f))]),
        ["changed_container_images"] = new JsonArray([.. check.ChangedContainerImages.Select(f => JsonValue.Create(f))]),
        ["pending_workflow_change"] = check.PendingWorkflowChange?.ToString(),
    };

    /// <summary>The pending workflow change as a warning line, when there is one.</summary>
    public static void RenderPending(IAnsiConsole console, IWorktable table, FileCheckResult check)
    {
        if (check.PendingWorkflowChange is { } pending)
        {
            console.MarkupLineInterpolated($"[yellow]workflow changed on disk:[/] {pending.ToString()}");
            console.MarkupLineInterpolated($"  the rows keep the results of the bound version; accept it with: stoa table rebind {table.Name}{(pending.DropsColumns ? " --drop-columns" : "")}");
        }
    }

    private static void RenderStatus(IAnsiConsole console, IWorktable table, FileCheckResult check)
    {
        var counts = table.CountByStatus().Where(p => p.Value > 0).Select(p => $"{p.Value} {p.Key}");
        console.MarkupLineInterpolated($"[bold]{table.Name}[/] ← {table.Workflow.Name} (version {table.Workflow.Hash[..12]}): {string.Join(", ", counts)}");
        console.MarkupLineInterpolated($"[grey]checked {check.FilesChecked} file(s), read {check.FilesRead} again; {check.RowsChanged.Count} row(s) changed by this check[/]");
        foreach (var f in check.MissingFiles)
        {
            console.MarkupLineInterpolated($"[red]missing:[/] {f}");
        }

        RenderPending(console, table, check);
        foreach (var row in table.Rows().Where(r => r.Status != RowStatus.Succeeded))
        {
            var why = row.Reasons.Count > 0 ? string.Join("; ", row.Reasons) : row.Error ?? "";
            console.MarkupLineInterpolated($"row {row.RowId} {row.Status}: {why}");
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stoa.Host.Provenance;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table new|add|set|show|recompute|export|import|share</c>: worktables from the command line, each a thin
/// call into the Stoa.Worktables public API. Exit codes are <see cref="ExitCodes"/>.
/// </summary>
internal static class TableCommands
{
    /// <summary>Builds the <c>table</c> command group.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        var json = ProjectOptions.Json();
        var group = new Command("table", "Worktables: tables bound to a CWL workflow, one row per run, recomputed minimally.")
        {
            project, json,
            New(project, json), Add(project, json), Set(project, json), Show(project, json), Recompute(project, json),
            Export(project), Import(project, json), Share(project),
        };
        return group;
    }

    private static Argument<string> TableName() => new("TABLE") { Description = "The worktable's name." };

    private static Command New(Option<FileInfo> project, Option<bool> json)
    {
        var name = TableName();
        var workflow = new Argument<FileInfo>("WORKFLOW") { Description = "The CWL workflow or tool (its inputs and outputs become the columns)." };
        var keys = new Option<string[]>("--key") { Description = "A key column (an input); repeat for a compound key." };
        var command = new Command("new", "Create a worktable bound to a CWL workflow.") { name, workflow, keys };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var table = p.CreateTable(parse.GetValue(name)!, CwlWorkflow.Load(parse.GetValue(workflow)!.FullName), new WorktableOptions { KeyColumns = parse.GetValue(keys) ?? [] });
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(TableOutput.TableJson(table));
            }
            else
            {
                Console.WriteLine($"created table '{table.Name}' with columns {string.Join(", ", table.Columns.Select(c => $"{c.Name}: {c.Type}"))}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Add(Option<FileInfo> project, Option<bool> json)
    {
        var name = TableName();
        var cells = new Argument<string[]>("COLUMN=VALUE") { Description = "Input cells of the new row (others take the template or stay empty).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("add", "Add a row.") { name, cells };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var table = p.OpenTable(parse.GetValue(name)!);
            var id = table.AddRow(CellAssignments.Parse(parse.GetValue(cells) ?? [], table.Columns));
            WriteRow(table, id, parse.GetValue(json), "added");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Set(Option<FileInfo> project, Option<bool> json)
    {
        var name = TableName();
        var row = new Argument<long>("ROW") { Description = "The row id (see 'stoa table show')." };
        var cells = new Argument<string[]>("COLUMN=VALUE") { Description = "Input cells to change.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("set", "Edit input cells of a row; the row becomes Pending only if its identity changed.") { name, row, cells };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var table = p.OpenTable(parse.GetValue(name)!);
            var id = parse.GetValue(row);
            table.Edit(id, CellAssignments.Parse(parse.GetValue(cells)!, table.Columns));
            WriteRow(table, id, parse.GetValue(json), "edited");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(Option<FileInfo> project, Option<bool> json)
    {
        var name = new Argument<string?>("TABLE") { Description = "The worktable (default: list the project's tables).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Show a worktable (or list the tables) with every row's status.") { name };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name);
            if (tableName is null)
            {
                if (parse.GetValue(json))
                {
                    TableOutput.WriteJson(new JsonArray([.. p.TableNames.Select(n => JsonValue.Create(n))]));
                }
                else
                {
                    foreach (var n in p.TableNames)
                    {
                        Console.WriteLine(n);
                    }
                }

                return ExitCodes.Success;
            }

            var table = p.OpenTable(tableName);
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(TableOutput.TableJson(table));
            }
            else
            {
                TableOutput.Render(AnsiConsole.Console, table);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Recompute(Option<FileInfo> project, Option<bool> json)
    {
        var name = TableName();
        var parallel = new Option<int>("--parallel") { Description = "Rows run at once.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var retry = new Option<bool>("--retry-failed") { Description = "Also rerun rows that failed with unchanged inputs." };
        var command = new Command("recompute", "Run exactly the rows whose inputs, files or workflow changed. Exit 1 when a row failed.") { name, parallel, retry };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, project, async p =>
        {
            var table = p.OpenTable(parse.GetValue(name)!);
            var (result, ran) = await TableRecompute.RunAsync(table, parse.GetValue(parallel), parse.GetValue(retry), showProgress: !parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(TableOutput.ResultJson(table.Name, result, ran));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{table.Name}: {result.Planned} planned, {result.Succeeded} succeeded, {result.Failed} failed, {result.Superseded} superseded by edits; rows run: {(ran.Count == 0 ? "none" : string.Join(' ', ran))}"));
            }

            return result.Failed > 0 ? ExitCodes.RowsFailed : ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export(Option<FileInfo> project)
    {
        var name = TableName();
        var prov = new Option<string?>("--prov") { Description = "Export the rows' provenance instead: json, provn, turtle, ntriples or xml." };
        var format = new Option<string>("--format") { Description = "Table format: json (fits, votable, csv when Stoa.Worktables exports them, issue 7).", DefaultValueFactory = _ => "json" };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Output file (default: stdout)." };
        var command = new Command("export", "Export a worktable, or its provenance (--prov).") { name, prov, format, output };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var table = p.OpenTable(parse.GetValue(name)!);
            var target = parse.GetValue(output);
            if (parse.GetValue(prov) is { } provFormat)
            {
                return ProvCommands.Write(table, provFormat, target);
            }

            var f = parse.GetValue(format)!.ToLowerInvariant();
            if (f != "json")
            {
                Console.Error.WriteLine($"stoa table export: --format {f}: table exports (FITS, VOTable, CSV) come with Stoa.Worktables' export API (issue 7); use --format json or --prov.");
                return f is "fits" or "votable" or "csv" ? ExitCodes.NotAvailable : ExitCodes.BadInput;
            }

            var text = TableOutput.TableJson(table).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
            if (target is null)
            {
                Console.Out.WriteLine(text);
            }
            else
            {
                File.WriteAllText(target.FullName, text);
                Console.Error.WriteLine(target.FullName);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import(Option<FileInfo> project, Option<bool> json)
    {
        var name = TableName();
        var file = new Argument<FileInfo>("FILE") { Description = "Rows to add: CSV (header of input column names) or JSON (array of job objects); relative paths resolve beside the file." };
        var command = new Command("import", "Add rows from a CSV or JSON file, all or none.") { name, file };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var table = p.OpenTable(parse.GetValue(name)!);
            var source = parse.GetValue(file)!;
            if (!source.Exists)
            {
                Console.Error.WriteLine($"stoa table import: {source.FullName}: no such file");
                return ExitCodes.BadInput;
            }

            IReadOnlyList<long> ids;
            switch (source.Extension.ToLowerInvariant())
            {
                case ".csv":
                    using (var reader = source.OpenText())
                    {
                        ids = table.ImportCsv(reader, source.DirectoryName);
                    }

                    break;
                case ".json":
                    using (var stream = source.OpenRead())
                    {
                        ids = table.ImportJson(stream, source.DirectoryName);
                    }

                    break;
                case ".wtx":
                    Console.Error.WriteLine("stoa table import: .wtx import comes with Stoa.Worktables part 2 (issue 7).");
                    return ExitCodes.NotAvailable;
                default:
                    Console.Error.WriteLine($"stoa table import: {source.Name}: expected a .csv or .json file");
                    return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(new JsonObject { ["table"] = table.Name, ["added"] = new JsonArray([.. ids.Select(i => JsonValue.Create(i))]) });
            }
            else
            {
                Console.WriteLine($"{table.Name}: added {ids.Count} row(s)");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Share(Option<FileInfo> project)
    {
        var name = TableName();
        var user = new Argument<string>("USER") { Description = "A user of the project (see 'stoa user add')." };
        var role = new Argument<WorktableRole>("ROLE") { Description = "Owner, Collaborator or Reader." };
        var acting = new Option<string?>("--as") { Description = "The Owner who shares (needed once the table has an owner). Without it, USER claims an unowned table as Owner." };
        var command = new Command("share", "Give a user a role on a worktable (Stoa.Worktables checks and audits it).") { name, user, role, acting };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var who = parse.GetValue(user)!;
            if (parse.GetValue(acting) is { } owner)
            {
                p.OpenTableAs(owner, tableName).Grant(who, parse.GetValue(role));
            }
            else if (parse.GetValue(role) == WorktableRole.Owner)
            {
                p.ClaimOwnership(who, tableName);
            }
            else
            {
                Console.Error.WriteLine("stoa table share: name the sharing Owner with --as OWNER (or make USER the Owner of an unowned table).");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"{who} is {parse.GetValue(role)} of '{tableName}'");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteRow(Worktable table, long id, bool json, string verb)
    {
        var row = table.GetRow(id);
        if (json)
        {
            TableOutput.WriteJson(TableOutput.RowJson(row));
        }
        else
        {
            Console.WriteLine($"{table.Name}: {verb} row {id} ({row.Status})");
        }
    }

    /// <summary>Opens the project, runs <paramref name="body"/>, and turns the library's typed errors into messages and exit codes.</summary>
    internal static int Run(ParseResult parse, Option<FileInfo> project, Func<WorktableProject, int> body) =>
        RunAsync(parse, project, p => Task.FromResult(body(p))).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    internal static Task<int> RunAsync(ParseResult parse, Option<FileInfo> project, Func<WorktableProject, Task<int>> body) =>
        RunAsync(parse, body, parse.GetValue(project)!.FullName);

    /// <summary>Opens the project at <paramref name="projectPath"/> and runs <paramref name="body"/> as <see cref="Run"/> does.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, Func<WorktableProject, Task<int>> body, string projectPath)
    {
        var command = parse.CommandResult.Parent is System.CommandLine.Parsing.CommandResult group
            ? $"stoa {group.Command.Name} {parse.CommandResult.Command.Name}"
            : $"stoa {parse.CommandResult.Command.Name}";
        try
        {
            using var p = WorktableProject.Open(projectPath);
            return await body(p).ConfigureAwait(false);
        }
        catch (AccessDeniedException e)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return ExitCodes.Forbidden;
        }
        catch (ProjectInUseException e)
        {
            Console.Error.WriteLine($"{command}: {e.Message}");
            return ExitCodes.ProjectInUse;
        }
        catch (Exception e) when (e is WorktableException or KeyNotFoundException)
        {
            // KeyNotFoundException: Worktable.GetRow/Edit/Delete of a row id that does not exist.
            Console.Error.WriteLine($"{command}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"{command}: cancelled");
            return ExitCodes.Cancelled;
        }
    }
}

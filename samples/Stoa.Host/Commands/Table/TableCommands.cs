using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stoa.Host.Commands.Cwl;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table new|add|set|delete|flag|comment|show|recompute|column|export|cone|import|share|link|status|rebind|publish</c>:
/// worktables from the command line, each a thin call into the Stoa.Worktables public API through one table handle
/// (<see cref="IWorktable"/>) opened for the acting user (<c>--user</c>, or the library's rule without it), so the
/// table's roles apply to every command. Exit codes are <see cref="ExitCodes"/>.
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
            New(project, json), Add(project, json), Set(project, json), TableRowCommands.Delete(project, json), TableRowCommands.Flag(project, json),
            TableRowCommands.Comment(project, json), Show(project, json), Recompute(project, json),
            Column(project, json), TableExportCommands.Export(project), TableExportCommands.Cone(project), Import(project, json), Share(project),
            TableLinkCommand.Create(project, json), TableStatusCommands.Status(project, json), TableStatusCommands.Rebind(project, json),
            TablePublishCommand.Create(project),
        };
        return group;
    }

    private static Argument<string> TableName() => new("TABLE") { Description = "The worktable's name." };

    /// <summary>The table <paramref name="name"/> names, opened for <c>--user</c> (or by the library's rule without it).</summary>
    /// <exception cref="ActingUserException">An unknown user, or several Owners and no <c>--user</c> (exit 2).</exception>
    internal static IWorktable Open(WorktableProject project, ParseResult parse, Argument<string> name, Option<string?> user) =>
        project.OpenTable(parse.GetValue(name)!, parse.GetValue(user));

    private static Command New(Option<string> project, Option<bool> json)
    {
        var name = TableName();
        var workflow = new Argument<FileInfo>("WORKFLOW") { Description = "The CWL workflow or tool (its inputs and outputs become the columns)." };
        var keys = new Option<string[]>("--key") { Description = "A key column (an input); repeat for a compound key." };
        var user = new Option<string?>("--user") { Description = "The project user who owns the new table (default: nobody; claim it later with 'stoa table share')." };
        var command = new Command("new", "Create a worktable bound to a CWL workflow.") { name, workflow, keys, user };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var (tableName, definition) = (parse.GetValue(name)!, CwlWorkflow.Load(parse.GetValue(workflow)!.FullName));
            var options = new WorktableOptions { KeyColumns = parse.GetValue(keys) ?? [] };
            IWorktable table = parse.GetValue(user) is { } owner ? p.CreateTableAs(owner, tableName, definition, options) : p.CreateTable(tableName, definition, options);
            if (parse.GetValue(json))
            {
                TableOutput.WriteTable(table);
            }
            else
            {
                Console.WriteLine($"created table '{table.Name}' with columns {string.Join(", ", table.Columns.Select(c => $"{c.Name}: {c.Type}"))}");
            }

            return ExitCodes.Success;
        }, create: true));
        return command;
    }

    private static Command Add(Option<string> project, Option<bool> json)
    {
        var name = TableName();
        var cells = new Argument<string[]>("COLUMN=VALUE") { Description = "Input cells of the new row (others take the template or stay empty).", Arity = ArgumentArity.ZeroOrMore };
        var user = ActingUser.Option();
        var command = new Command("add", "Add a row (Owner).") { name, cells, user };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var table = Open(p, parse, name, user);
            var id = table.AddRow(CellAssignments.Parse(parse.GetValue(cells) ?? []));
            WriteRow(table, id, parse.GetValue(json), "added");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Set(Option<string> project, Option<bool> json)
    {
        var name = TableName();
        var row = RangedValues.RowId("ROW", "The row id (see 'stoa table show'); not with --from-csv.");
        row.Arity = ArgumentArity.ZeroOrOne;
        var cells = new Argument<string[]>("COLUMN=VALUE") { Description = "Input cells to change.", Arity = ArgumentArity.ZeroOrMore };
        var fromCsv = new Option<FileInfo?>("--from-csv")
        {
            Description = "Edit many rows at once: a CSV whose header names the table's key column(s) and the input columns to set; " +
                "each line finds its row by key. All lines or none.",
        };
        var user = ActingUser.Option();
        var command = new Command("set", "Edit input cells of a row (or of many rows with --from-csv); a row becomes Pending only if its identity changed.") { name, row, cells, fromCsv, user };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            if (parse.GetValue(fromCsv) is { } csv)
            {
                if (parse.GetResult(row) is { Tokens.Count: > 0 } || parse.GetValue(cells) is { Length: > 0 })
                {
                    Console.Error.WriteLine("stoa table set: give either ROW COLUMN=VALUE… or --from-csv FILE, not both");
                    return ExitCodes.BadInput;
                }

                return SetFromCsv(p, tableName, csv, parse.GetValue(user), parse.GetValue(json));
            }

            if (parse.GetResult(row) is not { Tokens.Count: > 0 } || parse.GetValue(cells) is not { Length: > 0 } assignments)
            {
                Console.Error.WriteLine("stoa table set: give ROW and at least one COLUMN=VALUE, or --from-csv FILE");
                return ExitCodes.BadInput;
            }

            var table = Open(p, parse, name, user);
            var id = parse.GetValue(row);
            table.Edit(id, CellAssignments.Parse(assignments));
            WriteRow(table, id, parse.GetValue(json), "edited");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>stoa table set TABLE --from-csv FILE</c>: one transaction; an error names the file, its line and field.</summary>
    private static int SetFromCsv(WorktableProject p, string tableName, FileInfo csv, string? user, bool json)
    {
        if (!csv.Exists)
        {
            Console.Error.WriteLine($"stoa table set: {csv.FullName}: no such file");
            return ExitCodes.BadInput;
        }

        IReadOnlyList<long> ids;
        try
        {
            using var reader = csv.OpenText();
            ids = p.OpenTable(tableName, user).SetCellsFromCsv(reader, csv.DirectoryName);
        }
        catch (CellException e)
        {
            Console.Error.WriteLine($"stoa table set: {csv.Name}: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            TableOutput.WriteJson(new JsonObject { ["table"] = tableName, ["edited"] = ids.Count, ["row_ids"] = new JsonArray([.. ids.Select(i => JsonValue.Create(i))]) });
        }
        else
        {
            Console.WriteLine($"{tableName}: {ids.Count} row(s) edited from {csv.Name}");
        }

        return ExitCodes.Success;
    }

    private static Command Show(Option<string> project, Option<bool> json)
    {
        var name = new Argument<string?>("TABLE") { Description = "The worktable (default: list the project's tables).", Arity = ArgumentArity.ZeroOrOne };
        var user = ActingUser.Option();
        var command = new Command("show", "Show a worktable (or list the tables) with every row's status.") { name, user };
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

            // What is shown is true to the disk now: changed input files and workflow files are found first.
            var table = p.OpenTable(tableName, parse.GetValue(user));
            var check = table.CheckFiles();
            if (parse.GetValue(json))
            {
                // What the check read varies from call to call (a file is read again after a touch); the table
                // document holds only what it found: a workflow change waiting for 'stoa table rebind'.
                TableOutput.WriteTable(table, new Stoa.Worktables.Export.JsonExportOptions { FileCheck = check });
            }
            else
            {
                TableOutput.Render(AnsiConsole.Console, table);
                TableStatusCommands.RenderPending(AnsiConsole.Console, table, check);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Recompute(Option<string> project, Option<bool> json)
    {
        var name = new Argument<string?>("TABLE") { Description = "The worktable (or --all).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every table in dependency order (parents first, links propagated before each child runs; tables at the same depth in parallel)." };
        var parallel = RangedValues.AtLeast("--parallel", 1, "Rows run at once (per table), 1 or more.", Math.Max(1, Environment.ProcessorCount));
        var retry = new Option<bool>("--retry-failed") { Description = "Also rerun rows that failed with unchanged inputs." };
        var lease = RangedValues.Positive("--lease", "Seconds the rows this recompute claimed stay its own without renewal (renewed every third of it); when the process dies, other recomputes take them after this.", 30);
        var user = ActingUser.Option();
        var backends = new CwlBackendSelection.CommandOptions();
        var command = new Command(
            "recompute",
            "Run exactly the rows whose inputs, files, workflow or linked parent values changed (links are propagated first). Exit 1 when a row failed.")
        {
            name, all, parallel, retry, lease, user,
        };
        backends.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (selection, error) = backends.Select(parse);
            if (selection is null)
            {
                Console.Error.WriteLine($"stoa table recompute: {error}");
                return ExitCodes.BadInput;
            }

            var tableName = parse.GetValue(name);
            if (parse.GetValue(all) == (tableName is not null))
            {
                Console.Error.WriteLine("stoa table recompute: name one TABLE, or --all.");
                return ExitCodes.BadInput;
            }

            if (tableName is null && parse.GetValue(user) is not null)
            {
                // The library's RecomputeAllAsync has no acting user (notes/host.md); refuse rather than skip the roles.
                Console.Error.WriteLine("stoa table recompute --all acts on the project directly; --user applies to one TABLE.");
                return ExitCodes.BadInput;
            }

            // The executor is bound once, when the project is opened: every recompute of this command runs on it.
            var projectPath = ProjectOptions.Resolve(parse.GetValue(project)!);
            // Slurm's scripts go beside the project file, or for a database in the working directory (on the shared file system).
            await using var backend = selection.CreateBackend(WorktableProject.IsDatabaseLocation(projectPath) ? Environment.CurrentDirectory : Path.GetDirectoryName(projectPath));
            var options = new WorktableProjectOptions { Executor = new CwlRowExecutor(backend: backend) };
            var showProgress = !parse.GetValue(json);
            return await RunAsync(parse, async p =>
            {
                IReadOnlyList<RecomputeResult> results;
                if (tableName is null)
                {
                    results = [.. (await TableRecompute.RunAllAsync(p, parse.GetValue(parallel), parse.GetValue(retry), showProgress, cancellationToken, TimeSpan.FromSeconds(parse.GetValue(lease))).ConfigureAwait(false)).Values];
                }
                else
                {
                    // A child table sees its parents' latest outputs (PropagateLinks only marks rows; nothing runs).
                    var table = p.OpenTable(tableName, parse.GetValue(user));
                    p.PropagateLinks();
                    results = [await TableRecompute.RunAsync(table, parse.GetValue(parallel), parse.GetValue(retry), showProgress, cancellationToken, lease: TimeSpan.FromSeconds(parse.GetValue(lease))).ConfigureAwait(false)];
                }

                ReportSlurm(backend);
                if (parse.GetValue(json))
                {
                    TableOutput.WriteJson(tableName is null
                        ? new JsonObject { ["tables"] = new JsonArray([.. results.Select(r => (JsonNode)TableOutput.ResultJson(r))]) }
                        : TableOutput.ResultJson(results[0]));
                }
                else
                {
                    foreach (var result in results)
                    {
                        WriteResult(result);
                    }
                }

                return results.Any(r => r.Failed > 0) ? ExitCodes.RowsFailed : ExitCodes.Success;
            }, projectPath, options: options).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>On stderr, as <c>stoa cwl run</c> does: how many submissions and scheduler calls the rows took.</summary>
    private static void ReportSlurm(Stoa.Cwl.SlurmBackend? slurm)
    {
        if (slurm is not null)
        {
            Console.Error.WriteLine($"slurm: {slurm.Submissions} submissions, {slurm.SchedulerCalls} scheduler calls");
        }
    }

    private static void WriteResult(RecomputeResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Table}: {result.Planned} planned, {result.Succeeded} succeeded, {result.Failed} failed, {result.Superseded} superseded by edits; rows run: {(result.Rows.Count == 0 ? "none" : string.Join(' ', result.Rows.Select(r => r.RowId)))}"));

    private static Command Column(Option<string> project, Option<bool> json)
    {
        var name = TableName();
        var column = new Argument<string>("COLUMN") { Description = "An input or output column." };
        var unit = new Option<string?>("--unit") { Description = "VO unit, e.g. deg or Jy/beam (\"\" clears it). Not given: kept." };
        var ucd = new Option<string?>("--ucd") { Description = "UCD1+, e.g. pos.eq.ra;meta.main (\"\" clears it). Not given: kept." };
        var description = new Option<string?>("--description") { Description = "The column's description. Not given: kept." };
        var user = ActingUser.Option();
        var command = new Command("column", "Set a column's unit, UCD and description (metadata for exports and cone search; no row reruns).")
        {
            name, column, unit, ucd, description, user,
        };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var columnName = parse.GetValue(column)!;
            var table = p.OpenTable(tableName, parse.GetValue(user));
            var current = table.Columns.FirstOrDefault(c => c.Name == columnName)
                ?? throw new WorktableException($"table '{tableName}' has no column '{columnName}' (columns: {string.Join(", ", table.Columns.Select(c => c.Name))}).");

            // The library sets unit and UCD together; an option left out keeps its value, an empty one clears it.
            static string? Keep(string? given, string? old) => given is null ? old : given.Length == 0 ? null : given;
            var (newUnit, newUcd) = (Keep(parse.GetValue(unit), current.Unit), Keep(parse.GetValue(ucd), current.Ucd));
            table.SetColumnMetadata(columnName, newUnit, newUcd, parse.GetValue(description));
            var updated = table.Columns.Single(c => c.Name == columnName);
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(new JsonObject { ["table"] = tableName, ["column"] = columnName, ["unit"] = updated.Unit, ["ucd"] = updated.Ucd, ["description"] = updated.Description });
            }
            else
            {
                Console.WriteLine($"{tableName}.{columnName}: unit {updated.Unit ?? "-"}, ucd {updated.Ucd ?? "-"}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import(Option<string> project, Option<bool> json)
    {
        var name = TableName();
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "Rows to add to TABLE: CSV (header of input column names) or JSON (array of job objects), relative paths resolved beside the file; "
                + "or an original STOA .wtx bundle, imported as the new table TABLE.",
        };
        var keys = new Option<string[]>("--key") { Description = ".wtx: a key column of the new table (a bundle does not say); repeat for a compound key." };
        var skipLinks = new Option<bool>("--skip-unresolved-links") { Description = ".wtx: import without the links.txt lines whose parent table is not in the project (default: refuse)." };
        var user = ActingUser.Option();
        var command = new Command("import", "Add rows from a CSV or JSON file, or import a STOA .wtx bundle as a new table; all or none.") { name, file, keys, skipLinks, user };
        command.SetAction(parse => Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var source = parse.GetValue(file)!;
            if (!source.Exists)
            {
                Console.Error.WriteLine($"stoa table import: {source.FullName}: no such file");
                return ExitCodes.BadInput;
            }

            if (source.Extension.Equals(".wtx", StringComparison.OrdinalIgnoreCase))
            {
                return ImportWtx(p, tableName, source, new() { KeyColumns = parse.GetValue(keys) ?? [], SkipUnresolvedLinks = parse.GetValue(skipLinks) }, parse.GetValue(user), parse.GetValue(json));
            }

            var table = p.OpenTable(tableName, parse.GetValue(user));
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
                default:
                    Console.Error.WriteLine($"stoa table import: {source.Name}: expected a .csv, .json or .wtx file");
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
        }, create: parse.GetValue(file)!.Extension.Equals(".wtx", StringComparison.OrdinalIgnoreCase)));
        return command;
    }

    /// <summary>
    /// A STOA bundle becomes the new table <paramref name="tableName"/>; with <c>--user</c> that user owns it from the
    /// same transaction, so a project with accounts never has an ownerless imported table.
    /// </summary>
    private static int ImportWtx(WorktableProject p, string tableName, FileInfo source, Stoa.Worktables.Bundles.WtxImportOptions options, string? owner, bool json)
    {
        var table = owner is null ? p.ImportWtx(source.FullName, tableName, options) : p.OpenTable(p.ImportWtxAs(owner, source.FullName, tableName, options).Name);
        var byStatus = table.Rows().GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}").ToList();
        if (json)
        {
            TableOutput.WriteTable(table);
        }
        else
        {
            Console.WriteLine($"imported '{table.Name}' from {source.Name}: {table.Rows().Count()} row(s) ({(byStatus.Count == 0 ? "none" : string.Join(", ", byStatus))}); "
                + $"its workflow, tools and scripts are kept under {p.BundleDirectory}");
        }

        return ExitCodes.Success;
    }

    private static Command Share(Option<string> project)
    {
        var name = TableName();
        var user = new Argument<string>("USER") { Description = "A user of the project (see 'stoa user add')." };
        var role = RangedValues.Named<WorktableRole>("ROLE", "Owner, Collaborator or Reader.");
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

    private static void WriteRow(IWorktable table, long id, bool json, string verb)
    {
        if (json)
        {
            TableOutput.WriteJson(TableOutput.RowJson(table, id));
        }
        else
        {
            var row = table.GetRow(id);
            Console.WriteLine($"{table.Name}: {verb} row {id} ({row.Status})");
        }
    }

    /// <summary>
    /// Opens the project, runs <paramref name="body"/>, and turns the library's typed errors into messages and exit
    /// codes. Only commands that make something new (<c>init</c>, <c>table new</c>, a .wtx import) pass
    /// <paramref name="create"/>; every other command answers "no project at PATH" rather than create an empty one.
    /// </summary>
    internal static int Run(ParseResult parse, Option<string> project, Func<WorktableProject, int> body, bool create = false) =>
        RunAsync(parse, project, p => Task.FromResult(body(p)), create).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    internal static Task<int> RunAsync(ParseResult parse, Option<string> project, Func<WorktableProject, Task<int>> body, bool create = false) =>
        RunAsync(parse, body, ProjectOptions.Resolve(parse.GetValue(project)!), create);

    /// <summary>Opens the project at <paramref name="projectPath"/> (with <paramref name="options"/>: the executor) and runs <paramref name="body"/> as <see cref="Run"/> does.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, Func<WorktableProject, Task<int>> body, string projectPath, bool create = false, WorktableProjectOptions? options = null)
    {
        var command = UsageErrors.CommandPath(parse.CommandResult);
        try
        {
            options ??= new WorktableProjectOptions();
            using var p = create ? WorktableProject.Open(projectPath, options) : WorktableProject.OpenExisting(projectPath, options);
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

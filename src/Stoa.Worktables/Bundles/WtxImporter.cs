using System.Text.Json.Nodes;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Tracking;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Bundles;

/// <summary>
/// Imports a .wtx bundle as a new table. Every file of the bundle is extracted byte for byte into the table's
/// bundle directory (<c>&lt;project&gt;-bundles/&lt;table&gt;/</c>), and the table is bound to the
/// <c>workflow.cwl</c> there, so its rows run from exactly the bundled CWL, tools and scripts. Everything is read and
/// checked before the project is touched; the table, its rows, results, links and owner are then written in one
/// transaction. On any error the extracted files are removed and the project is as it was.
/// </summary>
internal sealed class WtxImporter
{
    private readonly WorktableProject _project;
    private readonly string _bundle;
    private readonly string _dir;
    private readonly string _table;
    private readonly WtxImportOptions _options;

    private WtxImporter(WorktableProject project, string bundle, string dir, string table, WtxImportOptions options)
    {
        _project = project;
        _bundle = bundle;
        _dir = dir;
        _table = table;
        _options = options;
    }

    public static Worktable Import(WorktableProject project, string wtxPath, string tableName, WtxImportOptions options, string? owner)
    {
        var full = Path.GetFullPath(wtxPath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{full}: no such bundle.", full);
        }

        TableName.Check(tableName);
        if (project.Store.FindTable(tableName) is not null)
        {
            throw new WorktableException($"{project.Path}: a worktable named '{tableName}' already exists.");
        }

        var bundle = Path.GetFileName(full);
        var target = project.BundleDirectoryOf(tableName);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".tmp-{Guid.NewGuid():N}");
        try
        {
            WtxArchive.Extract(full, bundle, temp);
            if (Directory.Exists(target))
            {
                // Left by an import that did not finish (its table does not exist, checked above).
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(temp, target);
            var importer = new WtxImporter(project, bundle, target, tableName, options);
            var (table, lines) = importer.Read(owner);
            TableRecord record;
            try
            {
                record = project.Store.ImportTable(table, DateTime.UtcNow);
            }
            catch (DuplicateKeyViolation d)
            {
                throw new WtxFormatException(bundle, WtxArchive.Table, lines[d.BatchIndex], string.Join(",", options.KeyColumns), $"key {d.KeyText} is used by an earlier row.");
            }

            return project.Remember(new Worktable(project, record));
        }
        catch
        {
            Remove(temp);
            Remove(target);
            throw;
        }
    }

    private static void Remove(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private WtxText Text(string entry)
    {
        using var s = File.OpenRead(Path.Combine(_dir, entry));
        return WtxText.Read(_bundle, entry, s);
    }

    private bool Has(string entry) => File.Exists(Path.Combine(_dir, entry));

    /// <summary>The table to store, and the table.txt line of each row (for key errors found by the store).</summary>
    private (ImportedTable Table, int[] Lines) Read(string? owner)
    {
        var workflow = LoadWorkflow();
        if (!Has(WtxArchive.Table))
        {
            throw new WtxFormatException(_bundle, WtxArchive.Table, null, null, "the bundle has no table.txt.");
        }

        var tableText = Text(WtxArchive.Table);
        var file = WtxTableFile.Parse(tableText);
        var stoa = WtxStoaLayout.Applies(file);
        workflow = BindColumns(workflow, file, stoa);
        foreach (var key in _options.KeyColumns)
        {
            if (!workflow.Inputs.Any(c => c.Name == key))
            {
                throw new WorktableException($"table '{_table}': key column '{key}' is not an input of workflow.cwl in {_bundle}.");
            }
        }

        var templateJson = Template(workflow);
        var template = CanonicalJson.ReadCells(templateJson);

        // STOA reads a bundle without tracking.txt as all COMPLETE; bundles in Stoa's own layout as all PENDING.
        var complete = Has(WtxArchive.Tracking) ? WtxTrackingFile.Parse(Text(WtxArchive.Tracking), file.Rows) : [.. file.Rows.Select(_ => stoa)];
        var position = file.Rows.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        var groups = stoa ? WtxStoaLayout.Groups(tableText, file) : [.. file.Rows.Select(r => new List<WtxRow> { r })];
        var inputs = new CellConverter(new InputFileResolver(_project.Hasher));
        var rows = new List<ImportedRow>(groups.Count);
        foreach (var group in groups)
        {
            var row = group[0];
            var cells = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var col in workflow.Inputs)
            {
                var text = Cell(file, row, col.Name);
                if (group.FirstOrDefault(r => Cell(file, r, col.Name) != text) is { } other)
                {
                    throw tableText.Error(other.Line, col.Name, $"rows of batch index {row.Cells[0]} (from line {row.Line}) must repeat one input row, but this one differs.");
                }

                var v = text is null && template.TryGetValue(col.Name, out var d)
                    ? d?.DeepClone()
                    : Convert(inputs, text, col, row.Line);
                if (v is not null)
                {
                    cells[col.Name] = v;
                }
            }

            var key = _options.KeyColumns.Count == 0 ? null
                : CanonicalJson.Write(new JsonArray([.. _options.KeyColumns.Select(k => cells.TryGetValue(k, out var v) ? v?.DeepClone() : null)]));
            var result = group.All(r => complete[position[r]]) ? Outputs(file, group, workflow) : null;
            var files = RowFiles.Track(cells, _project.Hasher, []);
            var (canonical, identity) = RowIdentity.Seal(cells);
            rows.Add(new ImportedRow(new RowInputs(canonical, identity, key, files), result));
        }

        var links = Has(WtxArchive.Links) ? ResolveLinks(workflow) : [];
        _project.KeepVersion(workflow);
        var table = new ImportedTable(_table, workflow.ToJson(), workflow.Hash, _options.KeyColumns, templateJson, rows, links, owner, _bundle, workflow.TrackedFiles());
        return (table, [.. groups.Select(g => g[0].Line)]);
    }

    private WorkflowDefinition LoadWorkflow()
    {
        try
        {
            return CwlWorkflow.Load(Path.Combine(_dir, WtxArchive.Workflow));
        }
        catch (WorkflowException e)
        {
            throw new WtxFormatException(_bundle, WtxArchive.Workflow, null, null, e.Message.Replace(_dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), e);
        }
    }

    /// <summary>Checks table.txt's columns against the workflow and takes their UCDs and units.</summary>
    private WorkflowDefinition BindColumns(WorkflowDefinition workflow, WtxTableFile file, bool stoa)
    {
        var names = file.HeaderLines["name"];
        foreach (var col in stoa ? file.Columns.Skip(1) : file.Columns)
        {
            var def = workflow.Columns.FirstOrDefault(c => c.Name == col.Name)
                ?? throw new WtxFormatException(_bundle, WtxArchive.Table, names, col.Name,
                    $"not an input or output of workflow.cwl (inputs: {string.Join(", ", workflow.Inputs.Select(c => c.Name))}; outputs: {string.Join(", ", workflow.Outputs.Select(c => c.Name))}).");
            var matches = col.Type is not { } t || (stoa && WtxStoaLayout.Code(t) is { } code ? WtxStoaLayout.Matches(code, def) : TypeMatches(t, def.Type));
            if (!matches)
            {
                throw new WtxFormatException(_bundle, WtxArchive.Table, file.HeaderLines["type"], col.Name, $"type '{col.Type}' does not match the workflow's {def.Type} ({def.Role.ToString().ToLowerInvariant()}).");
            }

            workflow = workflow.WithColumn(def with { Ucd = col.Ucd ?? def.Ucd, Unit = col.Unit ?? def.Unit });
        }

        return workflow;
    }

    /// <summary>Same type up to optionality; enums and records (which CWL shorthand cannot spell) by their spelling.</summary>
    private static bool TypeMatches(string declared, ColumnType actual)
    {
        var want = actual.AsRequired();
        if (declared.TrimEnd('?') == want.ToString())
        {
            return true;
        }

        try
        {
            return ColumnType.Parse(declared).AsRequired().Equals(want);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private string Template(WorkflowDefinition workflow)
    {
        if (!Has(WtxArchive.Template))
        {
            return CanonicalJson.WriteCells(new Dictionary<string, JsonNode?>());
        }

        var defaults = WtxTemplateFile.Parse(_bundle, Path.Combine(_dir, WtxArchive.Template), workflow.Inputs);
        foreach (var (column, line, value) in defaults)
        {
            // One key at a time first, so an error names its line.
            try
            {
                Worktable.NormalizeTemplate(_project, _table, workflow, new Dictionary<string, object?> { [column] = value }, _dir);
            }
            catch (CellException e)
            {
                throw new WtxFormatException(_bundle, WtxArchive.Template, line, column, Problem(e), e);
            }
        }

        return Worktable.NormalizeTemplate(_project, _table, workflow, defaults.ToDictionary(d => d.Column, d => (object?)d.Value, StringComparer.Ordinal), _dir);
    }

    private static string? Cell(WtxTableFile file, WtxRow row, string column)
    {
        for (var c = 0; c < file.Columns.Count; c++)
        {
            if (file.Columns[c].Name == column)
            {
                return row.Cells[c];
            }
        }

        return null;
    }

    private JsonNode? Convert(CellConverter converter, string? text, ColumnDefinition col, int line, bool confined = false)
    {
        var ctx = new CellContext(RowReference.New(line, "table.txt line"), col.Name, _dir, confined ? _dir : null);
        try
        {
            // A string cell keeps its text as written ("" stays the empty text); other types parse it.
            return col.Type.Kind == ColumnTypeKind.String && text is not null
                ? converter.FromObject(text, col.Type, ctx)
                : converter.FromText(text, col.Type, ctx);
        }
        catch (CellException e)
        {
            throw new WtxFormatException(_bundle, WtxArchive.Table, line, col.Name, Problem(e), e);
        }
    }

    /// <summary>
    /// The outputs of a COMPLETE row, stored in the project's output store, or null when one is missing (a
    /// required output empty, or a File not in the bundle): such a row imports Pending and is computed again.
    /// <paramref name="group"/> holds the physical rows of one input row (STOA's expanded list outputs): an array
    /// column takes one item from each (a STOA-coded array column always does, even from one row), a STOA stdout
    /// output the file of their lines.
    /// </summary>
    private ImportedResult? Outputs(WtxTableFile file, List<WtxRow> group, WorkflowDefinition workflow)
    {
        var cells = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var converter = new CellConverter(_project.Outputs);
        foreach (var col in workflow.Outputs)
        {
            var texts = group.Select(r => Cell(file, r, col.Name)).ToList();
            if (texts.All(t => t is null))
            {
                if (!col.Type.IsOptional)
                {
                    return null;
                }

                continue;
            }

            var code = WtxStoaLayout.Code(file.Columns.FirstOrDefault(c => c.Name == col.Name)?.Type);
            JsonNode? v;
            try
            {
                if (WtxStoaLayout.IsStdoutLines(code, col))
                {
                    v = StdoutFile(col.Name, texts);
                }
                else if ((group.Count > 1 || code is not null) && col.Type.Kind == ColumnTypeKind.Array && col.Type.Items is { } items)
                {
                    v = new JsonArray([.. group.Select(r => Convert(converter, Cell(file, r, col.Name), col with { Type = items }, r.Line, confined: true))]);
                }
                else if (group.Count > 1)
                {
                    throw new WtxFormatException(_bundle, WtxArchive.Table, group[1].Line, col.Name,
                        $"{group.Count} rows of batch index {group[0].Cells[0]} give this output {group.Count} values, but the workflow's type {col.Type} holds one.");
                }
                else
                {
                    v = Convert(converter, texts[0], col, group[0].Line, confined: true);
                }
            }
            catch (WtxFormatException e) when (e.InnerException is MissingInputFileException)
            {
                return null;
            }

            if (v is not null)
            {
                cells[col.Name] = v;
            }
        }

        return new ImportedResult(CanonicalJson.WriteCells(cells), RowIdentity.OutputHash(cells));
    }

    /// <summary>A stdout output STOA kept as its lines (one physical row each), as the file of those lines in the output store.</summary>
    private JsonObject StdoutFile(string column, List<string?> lines)
    {
        var text = string.Concat(lines.Where(l => l is not null).Select(l => l + "\n"));
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return _project.Outputs.ResolveFile(_project.Outputs.StoreNamed(content, column + ".txt"));
    }

    private List<(long ParentTableId, string SpecJson)> ResolveLinks(WorkflowDefinition workflow)
    {
        var text = Text(WtxArchive.Links);
        var resolved = new List<(long, string)>();
        foreach (var (line, link) in WtxLinksFile.Parse(text, _table))
        {
            var parent = _project.Store.FindTable(link.Parent);
            if (parent is null)
            {
                if (_options.SkipUnresolvedLinks)
                {
                    continue;
                }

                throw text.Error(line, null, $"parent table '{link.Parent}' is not in the project: import it first, or set SkipUnresolvedLinks to import without this link.");
            }

            try
            {
                WorktableProject.Validate(link, WorkflowDefinition.FromJson(parent.DefinitionJson), workflow);
            }
            catch (WorktableException e)
            {
                throw text.Error(line, null, e.Message, e);
            }

            resolved.Add((parent.TableId, LinkSpec.From(link).Write()));
        }

        return resolved;
    }

    private static string Problem(CellException e) =>
        e.Value is null ? e.Problem ?? e.Message : $"'{e.Value}': {e.Problem ?? e.Message}";
}

using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

/// <summary>
/// A table bound to a workflow: one row per execution, input columns edited by users, output columns written
/// by runs, and a persisted status per row. <see cref="RecomputeAsync(Execution.IRowExecutor, Execution.RecomputeOptions?, CancellationToken)"/> runs exactly the rows whose identity
/// (inputs with file contents, and workflow) differs from the one their outputs were made from. Every method is
/// safe to call while a recompute runs; an edit made during a row's run wins over that run's result.
/// </summary>
public sealed partial class Worktable : IWorktable
{
    private readonly WorktableProject _project;
    private readonly CellConverter _inputs;
    private readonly CellConverter _outputs;
    private volatile WorkflowDefinition _workflow;
    private volatile Dictionary<string, JsonNode?> _template;
    private int _recomputing;

    internal Worktable(WorktableProject project, TableRecord record)
    {
        _project = project;
        TableId = record.TableId;
        Name = record.Name;
        KeyColumns = record.KeyColumns;
        _workflow = WorkflowDefinition.FromJson(record.DefinitionJson);
        _template = CanonicalJson.ReadCells(record.TemplateJson);
        _inputs = new CellConverter(new InputFileResolver(project.Hasher));
        _outputs = new CellConverter(project.Outputs);
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>Always <see langword="null"/>: a <see cref="Worktable"/> is the administrator's access, no role is checked.</summary>
    string? IWorktable.ActingUser => null;

    /// <summary>The workflow the table is bound to now.</summary>
    public WorkflowDefinition Workflow => _workflow;

    /// <summary>Input then output columns.</summary>
    public IReadOnlyList<ColumnDefinition> Columns => [.. _workflow.Columns];

    /// <summary>The key columns (possibly none).</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The row template: default input values for new rows.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Template => _template.ToDictionary(p => p.Key, p => p.Value?.DeepClone());

    internal long TableId { get; }

    internal IWorktableStore Store => _project.Store;

    internal WorktableProject Project => _project;

    internal CellConverter OutputConverter => _outputs;

    /// <summary>One row.</summary>
    /// <param name="rowId">The row id.</param>
    /// <exception cref="KeyNotFoundException">No such row in this table.</exception>
    public WorktableRow GetRow(long rowId) =>
        ToRow(Store.GetRow(TableId, rowId) ?? throw new KeyNotFoundException($"table '{Name}': no row {rowId}."));

    /// <summary>The row with the given key values (in <see cref="KeyColumns"/> order), or <see langword="null"/>.</summary>
    /// <param name="key">One value per key column.</param>
    /// <exception cref="CellException">A key value does not fit its column.</exception>
    public WorktableRow? FindByKey(params object?[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (KeyColumns.Count == 0 || key.Length != KeyColumns.Count)
        {
            throw new ArgumentException($"table '{Name}' has {KeyColumns.Count} key column(s); {key.Length} value(s) given.", nameof(key));
        }

        var cells = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < key.Length; i++)
        {
            var col = _workflow.Inputs.First(c => c.Name == KeyColumns[i]);
            cells[col.Name] = _inputs.FromObject(key[i], col.Type, new CellContext(RowReference.New(1, "key"), col.Name, Environment.CurrentDirectory));
        }

        var id = Store.FindRowByKey(TableId, KeyText(cells)!);
        return id is long rowId ? GetRow(rowId) : null;
    }

    /// <summary>Every row in id order, read as it is enumerated (a million-row table is never held in memory).</summary>
    public IEnumerable<WorktableRow> Rows() => Store.ScanRows(TableId).Select(ToRow);

    /// <summary>How many rows have each status.</summary>
    public IReadOnlyDictionary<RowStatus, long> CountByStatus() => Store.CountByStatus(TableId);

    /// <summary>
    /// The rows the next <see cref="RecomputeAsync(Execution.IRowExecutor, Execution.RecomputeOptions?, CancellationToken)"/> would run, in id order: Pending, Stale, Cancelled and (unless
    /// told otherwise) Failed rows. Costs O(rows returned), not O(rows in the table).
    /// </summary>
    /// <param name="limit">At most this many ids. Default: all.</param>
    /// <param name="retryFailed">Whether failed rows count. Default: <see langword="true"/>.</param>
    public IReadOnlyList<long> RowsToRecompute(int limit = int.MaxValue, bool retryFailed = true) => Store.RowsNeedingRun(TableId, retryFailed, limit);

    internal WorktableRow ToRow(RowRecord r) => new(r.RowId, CanonicalJson.ReadCells(r.InputsJson), CanonicalJson.ReadCells(r.OutputsJson))
    {
        Status = r.Status,
        InputHash = r.InputHash,
        WorkflowHash = r.ResultWorkflowHash,
        OutputHash = r.OutputHash,
        QueuedUtc = r.QueuedUtc,
        StartedUtc = r.StartedUtc,
        FinishedUtc = r.FinishedUtc,
        Attempts = r.Attempts,
        Error = r.Error,
        LogLocation = r.LogLocation,
        RunId = r.RunId,
        Reasons = r.ReasonsJson is null ? [] : [.. JsonNode.Parse(r.ReasonsJson)!.AsArray().Select(n => (string)n!)],
    };

    internal string? KeyText(IReadOnlyDictionary<string, JsonNode?> inputs) =>
        KeyColumns.Count == 0 ? null : CanonicalJson.Write(new JsonArray([.. KeyColumns.Select(k => inputs.TryGetValue(k, out var v) ? v?.DeepClone() : null)]));
}

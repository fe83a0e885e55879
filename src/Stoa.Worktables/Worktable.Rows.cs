using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Import;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Tracking;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>Adds one row; columns left out take the template value, or stay empty when optional.</summary>
    /// <param name="values">Input values by column name (CLR values, <see cref="JsonNode"/>s, <see cref="FileInfo"/>…).</param>
    /// <returns>The new row id. The row is Pending.</returns>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; nothing is added.</exception>
    public long AddRow(IReadOnlyDictionary<string, object?> values) => AddRows([values])[0];

    /// <summary>Adds rows in one transaction: all of them, or none when one is bad.</summary>
    /// <param name="rows">Input values by column name, one dictionary per row; read once, as they are inserted.</param>
    /// <returns>The new row ids, in order.</returns>
    /// <exception cref="CellException">A bad cell or duplicate key; <see cref="CellException.SourceRow"/> is its 1-based position.</exception>
    public IReadOnlyList<long> AddRows(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var baseDir = Environment.CurrentDirectory;
        return Insert(rows.Select((r, i) => Cells(r, RowReference.New(i + 1, "new row"), fromText: false, baseDir)), "new row");
    }

    /// <summary>Changes one input cell. Setting a value equal to the current one changes nothing.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="column">An input column.</param>
    /// <param name="value">The new value; <see langword="null"/> empties an optional cell.</param>
    /// <returns>The row's status after the edit: Succeeded again if the inputs are back to those of its outputs.</returns>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; the row is unchanged.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public RowStatus Edit(long rowId, string column, object? value) => Edit(rowId, new Dictionary<string, object?> { [column] = value });

    /// <summary>Changes several input cells of one row at once.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="changes">New values by input column name.</param>
    /// <returns>The row's status after the edit.</returns>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; the row is unchanged.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public RowStatus Edit(long rowId, IReadOnlyDictionary<string, object?> changes) => Edit(rowId, changes, null);

    /// <summary>Edits a row; <paramref name="reason"/> (e.g. a parent row that changed) replaces the per-column reasons.</summary>
    internal RowStatus Edit(long rowId, IReadOnlyDictionary<string, object?> changes, string? reason)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return EditRows([new RowEdit(rowId, changes)], reason)[0];
    }

    /// <summary>
    /// Applies <paramref name="edits"/> in one store transaction: each row is read, merged with its changes,
    /// sealed and written with its status derived by the store, as one edit of one row is.
    /// </summary>
    internal IReadOnlyList<RowStatus> EditRows(IEnumerable<RowEdit> edits, string? reason)
    {
        var baseDir = Environment.CurrentDirectory;
        long editing = 0;
        try
        {
            return Store.UpdateInputsBatch(TableId, edits, e => RowTarget.ById(e.RowId), (_, e, current) =>
            {
                ArgumentNullException.ThrowIfNull(e);
                ArgumentNullException.ThrowIfNull(e.Changes);
                editing = e.RowId;
                var where = RowReference.Existing(e.RowId);
                return current is null
                    ? throw new KeyNotFoundException($"table '{Name}': no row {e.RowId}.")
                    : Merge(current, e.Changes, where, reason, fromText: false, baseDir);
            });
        }
        catch (DuplicateKeyViolation d)
        {
            throw new DuplicateKeyException(RowReference.Existing(editing), string.Join(",", KeyColumns), d.KeyText, "another row already has this key.");
        }
    }

    /// <summary>A stored row with <paramref name="changes"/> applied, sealed; a reason for each cell that changed value.</summary>
    private RowInputs Merge<T>(RowRecord current, IEnumerable<KeyValuePair<string, T>> changes, RowReference where, string? reason, bool fromText, string baseDir)
    {
        var inputs = CanonicalJson.ReadCells(current.InputsJson);
        var reasons = new List<string>();
        foreach (var (column, value) in changes)
        {
            var col = InputColumn(column, where, value);
            var ctx = new CellContext(where, column, baseDir);
            var v = fromText ? _inputs.FromText(value as string, col.Type, ctx) : _inputs.FromObject(value, col.Type, ctx);
            var before = inputs.GetValueOrDefault(column);
            if (!JsonNode.DeepEquals(before, v))
            {
                reasons.Add(reason ?? $"input {column} changed ({Describe(before)} → {Describe(v)})");
            }

            if (v is null)
            {
                inputs.Remove(column);
            }
            else
            {
                inputs[column] = v;
            }
        }

        return Seal(inputs, reasons);
    }

    /// <summary>Deletes a row with its run history. A run in flight for it is discarded when it ends.</summary>
    /// <param name="rowId">The row.</param>
    /// <returns><see langword="false"/> when there was no such row.</returns>
    public bool Delete(long rowId) => Store.DeleteRow(TableId, rowId);

    /// <summary>Inserts <paramref name="rows"/>; a duplicate key names the row's <paramref name="position"/> (default: 1-based index).</summary>
    internal IReadOnlyList<long> Insert(IEnumerable<Dictionary<string, JsonNode?>> rows, string source, Func<int, int>? position = null)
    {
        try
        {
            // Sealing (cells to canonical JSON, identity hash) runs a thread ahead of the store's inserts.
            return Store.InsertRows(TableId, ReadAhead.Of(rows.Select(r => Seal(r))));
        }
        catch (DuplicateKeyViolation d)
        {
            throw new DuplicateKeyException(RowReference.New(position?.Invoke(d.BatchIndex) ?? d.BatchIndex + 1, source), string.Join(",", KeyColumns), d.KeyText, "another row already has this key.");
        }
    }

    /// <summary>A new row's cells: given values (or template defaults) checked and normalized for every input column.</summary>
    internal Dictionary<string, JsonNode?> Cells<T>(IEnumerable<KeyValuePair<string, T>> given, RowReference where, bool fromText, string baseDir)
    {
        var raw = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (k, v) in given)
        {
            InputColumn(k, where, v);
            raw[k] = v;
        }

        var cells = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var col in _workflow.Inputs)
        {
            var ctx = new CellContext(where, col.Name, baseDir);
            JsonNode? v;
            if (raw.TryGetValue(col.Name, out var value) && !(fromText && string.IsNullOrEmpty(value as string)))
            {
                v = fromText ? _inputs.FromText(value as string, col.Type, ctx) : _inputs.FromObject(value, col.Type, ctx);
            }
            else if (_template.TryGetValue(col.Name, out var d))
            {
                v = d?.DeepClone();
            }
            else
            {
                v = _inputs.Normalize(null, col.Type, ctx, fromText);
            }

            if (v is not null)
            {
                cells[col.Name] = v;
            }
        }

        return cells;
    }

    /// <summary>
    /// The row as stored: its files brought up to date with the disk (a file changed since it was entered counts
    /// as a change, with its reason), canonical cells, identity hash and key.
    /// </summary>
    internal RowInputs Seal(Dictionary<string, JsonNode?> inputs, IEnumerable<string>? reasons = null)
    {
        var notes = new List<string>();
        var files = RowFiles.Track(inputs, _project.Hasher, notes);
        var (text, hash) = RowIdentity.Seal(inputs);
        return new(text, hash, KeyText(inputs), files, Reason(reasons, notes));
    }

    /// <summary>The reasons and file notes, each once, joined; null when there are none (a new row: no list is made).</summary>
    private static string? Reason(IEnumerable<string>? reasons, List<string> notes)
    {
        if (reasons is null && notes.Count == 0)
        {
            return null;
        }

        var all = (reasons ?? []).Concat(notes).Distinct(StringComparer.Ordinal).ToList();
        return all.Count == 0 ? null : string.Join("; ", all);
    }

    /// <summary>A cell value in a reason: short scalars as they are, files by checksum, anything long elided.</summary>
    private static string Describe(JsonNode? v) => v switch
    {
        null => "empty",
        JsonObject o when (string?)o["class"] is "File" or "Directory" => $"{Path.GetFileName((string?)o["location"])} {RowFiles.Short((string?)o["checksum"])}",
        _ => v.ToJsonString() is var s && s.Length > 40 ? s[..40] + "…" : s,
    };

    /// <summary>
    /// The columns of the bound workflow by name, made once per workflow: a bulk import looks up every cell's
    /// column (on its read-ahead thread). One reference, so a reader never pairs a workflow with another's columns.
    /// </summary>
    private volatile ColumnIndex? _columnsByName;

    private ColumnDefinition InputColumn<T>(string column, RowReference where, T value)
    {
        var workflow = _workflow;
        var known = _columnsByName;
        if (known is null || !ReferenceEquals(known.Workflow, workflow))
        {
            var byName = new Dictionary<string, ColumnDefinition>(StringComparer.Ordinal);
            foreach (var c in workflow.Columns)
            {
                byName.TryAdd(c.Name, c);
            }

            known = new ColumnIndex(workflow, byName);
            _columnsByName = known;
        }

        var col = known.ByName.GetValueOrDefault(column);
        if (col is null || col.Role != ColumnRole.Input)
        {
            var problem = col is null
                ? $"table '{Name}' has no column '{column}' (inputs: {string.Join(", ", _workflow.Inputs.Select(c => c.Name))})."
                : $"'{column}' is an output column; only runs write it.";
            throw new UnknownColumnException(where, column, value?.ToString(), problem);
        }

        return col;
    }

    private sealed record ColumnIndex(WorkflowDefinition Workflow, Dictionary<string, ColumnDefinition> ByName);
}

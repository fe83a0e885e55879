using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Binds the table to another version of its workflow. When the hash differs, every row whose result came from
    /// another version becomes Stale, with the reason (and rows whose stored outputs were made by exactly this
    /// version become Succeeded again). Added columns start empty, or at the template's value.
    /// </summary>
    /// <param name="workflow">The new version.</param>
    /// <param name="dropColumns">Accept removing or retyping input columns: their values are dropped from every row.</param>
    /// <returns>How many rows became Stale.</returns>
    /// <exception cref="WorkflowException">An input column disappeared or changed type and <paramref name="dropColumns"/>
    /// is false; the message has the column diff and the table is unchanged.</exception>
    public long ChangeWorkflow(WorkflowDefinition workflow, bool dropColumns = false)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        lock (_checkGate)
        {
            return ChangeWorkflow(workflow, dropColumns, "workflow changed: " + DescribeChange(_workflow, workflow));
        }
    }

    private long ChangeWorkflow(WorkflowDefinition workflow, bool dropColumns, string reason)
    {
        var old = _workflow;
        var dropped = new List<string>();
        foreach (var col in old.Inputs)
        {
            var now = workflow.Inputs.FirstOrDefault(c => c.Name == col.Name);
            if (now is null || !now.Type.Equals(col.Type))
            {
                if (!dropColumns)
                {
                    throw new WorkflowException($"table '{Name}': workflow '{workflow.Name}' {(now is null ? "drops" : "changes the type of")} input column '{col.Name}' ({col.Type}{(now is null ? "" : " → " + now.Type)}); existing rows would not fit. {Diff(old, workflow)}; accept it with dropColumns (stoa table rebind --drop-columns).")
                    {
                        Path = workflow.DocumentPath,
                        Column = col.Name,
                    };
                }

                dropped.Add(col.Name);
            }
        }

        // Keep the metadata users set on columns that are still there.
        var merged = workflow;
        foreach (var col in workflow.Columns)
        {
            var before = old.Columns.FirstOrDefault(c => c.Name == col.Name && c.Role == col.Role);
            if (before is not null)
            {
                merged = merged.WithColumn(col with { Unit = col.Unit ?? before.Unit, Ucd = col.Ucd ?? before.Ucd, Description = col.Description ?? before.Description });
            }
        }

        foreach (var row in dropped.Count == 0 ? [] : Store.ScanRows(TableId).ToList())
        {
            var inputs = CanonicalJson.ReadCells(row.InputsJson);
            var gone = dropped.Where(inputs.Remove).ToList();
            if (gone.Count > 0)
            {
                Store.UpdateInputs(TableId, row.RowId, Seal(inputs, [$"input column{(gone.Count > 1 ? "s" : "")} {string.Join(", ", gone)} dropped by a rebind"]));
            }
        }

        _project.KeepVersion(merged);
        var counts = Store.ChangeWorkflow(TableId, merged.ToJson(), merged.Hash, reason, merged.TrackedFiles());
        _workflow = merged;
        return counts.MarkedStale;
    }

    /// <summary>Sets the unit, UCD and description of a column (metadata only: no row changes status).</summary>
    /// <param name="column">The column name.</param>
    /// <param name="unit">VO unit, e.g. <c>Jy/beam</c>; <see langword="null"/> clears it.</param>
    /// <param name="ucd">UCD, e.g. <c>phot.flux.density</c>; <see langword="null"/> clears it.</param>
    /// <param name="description">Description; <see langword="null"/> keeps the current one.</param>
    /// <exception cref="UnknownColumnException">No such column.</exception>
    public void SetColumnMetadata(string column, string? unit, string? ucd, string? description = null)
    {
        var col = _workflow.Columns.FirstOrDefault(c => c.Name == column)
            ?? throw new UnknownColumnException(new RowReference(null, null, "schema"), column, null, $"table '{Name}' has no column '{column}'.");
        var updated = _workflow.WithColumn(col with { Unit = unit, Ucd = ucd, Description = description ?? col.Description });
        Store.SetDefinition(TableId, updated.ToJson());
        _workflow = updated;
    }

    /// <summary>Replaces the row template (default input values for new rows).</summary>
    /// <param name="defaults">Values by input column name.</param>
    /// <exception cref="CellException">A value that does not fit its column; the template is unchanged.</exception>
    public void SetTemplate(IReadOnlyDictionary<string, object?> defaults)
    {
        var json = NormalizeTemplate(_project, Name, _workflow, defaults);
        Store.SetTemplate(TableId, json);
        _template = CanonicalJson.ReadCells(json);
    }

    internal static string NormalizeTemplate(WorktableProject project, string table, WorkflowDefinition workflow, IReadOnlyDictionary<string, object?> defaults, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var converter = new CellConverter(new InputFileResolver(project.Hasher));
        var where = new RowReference(null, null, "template");
        var cells = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (k, v) in defaults)
        {
            var col = workflow.Inputs.FirstOrDefault(c => c.Name == k)
                ?? throw new UnknownColumnException(where, k, v?.ToString(), $"table '{table}' has no input column '{k}'.");
            cells[k] = converter.FromObject(v, col.Type.AsOptional(), new CellContext(where, k, baseDirectory ?? Environment.CurrentDirectory));
        }

        return CanonicalJson.WriteCells(cells);
    }
}

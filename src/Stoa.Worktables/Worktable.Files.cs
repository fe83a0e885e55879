using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Model;
using Stoa.Worktables.Values;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Re-reads every input File and Directory and updates the rows whose content changed on disk since it was
    /// entered (their identity changes, so they become Stale/Pending like after an edit). Files are re-hashed only
    /// when their size or modification time changed. Costs O(rows) when the table has file columns, nothing otherwise.
    /// </summary>
    /// <returns>How many rows changed identity. Rows whose file has disappeared are left as they are (their run will fail and say so).</returns>
    public long RefreshInputFiles()
    {
        var fileColumns = _workflow.Inputs.Where(c => HasFiles(c.Type)).ToList();
        if (fileColumns.Count == 0)
        {
            return 0;
        }

        var changed = new List<(long RowId, Dictionary<string, JsonNode?> Inputs)>();
        foreach (var row in Store.ScanRows(TableId))
        {
            var inputs = CanonicalJson.ReadCells(row.InputsJson);
            try
            {
                foreach (var col in fileColumns)
                {
                    if (inputs.TryGetValue(col.Name, out var v) && v is not null)
                    {
                        inputs[col.Name] = _inputs.Normalize(v, col.Type, new CellContext(RowReference.Existing(row.RowId), col.Name, Environment.CurrentDirectory), fromText: false);
                    }
                }
            }
            catch (MissingInputFileException)
            {
                continue;
            }

            if (RowIdentity.InputHash(inputs) != row.InputHash)
            {
                changed.Add((row.RowId, inputs));
            }
        }

        foreach (var (rowId, inputs) in changed)
        {
            Store.UpdateInputs(TableId, rowId, Seal(inputs));
        }

        return changed.Count;
    }

    private static bool HasFiles(ColumnType t) => t.Kind switch
    {
        ColumnTypeKind.File or ColumnTypeKind.Directory => true,
        ColumnTypeKind.Array => HasFiles(t.Items!),
        ColumnTypeKind.Record => t.Fields.Any(f => HasFiles(f.Type)),
        _ => false,
    };
}

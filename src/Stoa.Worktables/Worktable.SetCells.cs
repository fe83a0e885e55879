using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Import;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Values;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Changes input cells of many rows in one transaction: all of them, or none when one is bad. Each row's
    /// status is derived exactly as by <see cref="Edit(long, IReadOnlyDictionary{string, object?})"/>: a row whose
    /// inputs come back to those of its outputs is Succeeded again and is not rerun; setting a cell to the value
    /// it has changes nothing.
    /// </summary>
    /// <param name="edits">The rows and their new values, read once as they are applied. A row may appear more than once; later edits see earlier ones.</param>
    /// <returns>Each edited row's status after its edit, in the order of <paramref name="edits"/>.</returns>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; no row is changed.</exception>
    /// <exception cref="KeyNotFoundException">No such row; no row is changed.</exception>
    public IReadOnlyList<RowStatus> SetCells(IEnumerable<RowEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return EditRows(edits, null);
    }

    /// <summary>
    /// Changes input cells of the rows named by a CSV text, in one transaction, all or none. The header names
    /// every key column of the table and the input columns to set; each line finds its row by its key values and
    /// sets the other cells (parsed by column type as <see cref="ImportCsv"/> does; an empty cell empties an
    /// optional cell). Statuses are derived as by <see cref="SetCells"/>.
    /// </summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="baseDirectory">Directory for relative File paths. Default: the current directory.</param>
    /// <returns>The edited row ids, in the order of the lines.</returns>
    /// <exception cref="CellException">
    /// The table has no key columns, the header lacks a key column or names a column twice or an unknown or output
    /// column, a line has the wrong number of fields, a bad cell, no row with the line's key, or the same key on two
    /// lines; <see cref="CellException.SourceRow"/> is the line in the file and <see cref="CellException.Column"/>
    /// the field. No row is changed.
    /// </exception>
    public IReadOnlyList<long> SetCellsFromCsv(TextReader csv, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var baseDir = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        var reader = new CsvRecordReader(csv);
        var header = CsvHeader(reader);
        var headerWhere = RowReference.New(header.Line, "CSV line");
        var headerText = string.Join(",", header.Fields);
        if (KeyColumns.Count == 0)
        {
            throw new CellException(headerWhere, null, headerText, $"table '{Name}' has no key columns, so CSV lines cannot name their rows (edit by row id instead).");
        }

        if (KeyColumns.FirstOrDefault(k => !header.Fields.Contains(k, StringComparer.Ordinal)) is { } missingKey)
        {
            throw new CellException(headerWhere, missingKey, headerText, $"the header lacks key column '{missingKey}' (key: {string.Join(", ", KeyColumns)}).");
        }

        foreach (var name in header.Fields)
        {
            InputColumn(name, headerWhere, name);
        }

        var keyAt = KeyColumns.Select(k => header.Fields.IndexOf(k)).ToArray();
        var setAt = Enumerable.Range(0, header.Fields.Count).Where(i => !keyAt.Contains(i)).ToArray();
        var names = header.Fields;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<long>();
        try
        {
            Store.UpdateInputsBatch(TableId, Lines(reader), line => RowTarget.ByKey(line.Key), (_, line, current) =>
            {
                var where = RowReference.New(line.Line, "CSV line");
                if (current is null)
                {
                    throw new CellException(where, KeyColumns[0], line.Key, $"no row of table '{Name}' has this key ({string.Join(", ", KeyColumns)}).");
                }

                ids.Add(current.RowId);
                return Merge(current, setAt.Select(i => KeyValuePair.Create(names[i], line.Fields[i])), where, null, fromText: true, baseDir);
            });
        }
        catch (DuplicateKeyViolation d)
        {
            // Key columns are never set from the CSV, so this is a key changed by the store's own rules: report it as is.
            throw new DuplicateKeyException(new RowReference(null, null, "CSV"), string.Join(",", KeyColumns), d.KeyText, "another row already has this key.");
        }

        return ids;

        IEnumerable<(int Line, string Key, List<string> Fields)> Lines(CsvRecordReader r)
        {
            while (NextLine(r, names.Count) is { } record)
            {
                var where = RowReference.New(record.Line, "CSV line");

                var key = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                foreach (var i in keyAt)
                {
                    var col = InputColumn(names[i], where, record.Fields[i]);
                    key[names[i]] = _inputs.FromText(record.Fields[i], col.Type, new CellContext(where, names[i], baseDir));
                }

                var keyText = KeyText(key)!;
                if (!seen.TryAdd(keyText, record.Line))
                {
                    throw new CellException(where, KeyColumns[0], keyText, $"CSV line {seen[keyText]} already names this row's key; name each row once.");
                }

                yield return (record.Line, keyText, record.Fields);
            }
        }
    }

    /// <summary>The header record of a CSV text; a missing header or a column named twice is a <see cref="CellException"/>.</summary>
    private static (int Line, List<string> Fields) CsvHeader(CsvRecordReader reader)
    {
        var header = NextRecord(reader) ?? throw new CellException(new RowReference(null, 1, "CSV"), null, null, "the CSV has no header line.");
        if (header.Fields.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            // Two columns of one name would leave one of them silently unused: refuse, as for COLUMN=VALUE twice.
            throw new CellException(RowReference.New(header.Line, "CSV line"), twice.Key, string.Join(",", header.Fields), $"the header names column '{twice.Key}' {twice.Count()} times.");
        }

        return header;
    }

    /// <summary>The next CSV line after the header; one with another number of fields than the header is a <see cref="CellException"/>.</summary>
    private static (int Line, List<string> Fields)? NextLine(CsvRecordReader r, int fieldCount)
    {
        if (NextRecord(r) is not { } record)
        {
            return null;
        }

        if (record.Fields.Count != fieldCount)
        {
            throw new CellException(RowReference.New(record.Line, "CSV line"), null, string.Join(",", record.Fields), $"the line has {record.Fields.Count} fields; the header has {fieldCount}.");
        }

        return record;
    }

    /// <summary>The next CSV record; a malformed one is a <see cref="CellException"/> naming its line.</summary>
    private static (int Line, List<string> Fields)? NextRecord(CsvRecordReader r)
    {
        try
        {
            return r.Next();
        }
        catch (FormatException e)
        {
            throw new CellException(e.Message, e);
        }
    }
}

using Microsoft.Data.Sqlite;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    private const string RowColumns =
        "id, status, inputs, input_hash, key_text, outputs, output_hash, result_input_hash, result_workflow_hash, run_id, attempts, error, log_location, queued_utc, started_utc, finished_utc, reasons";

    public IReadOnlyList<long> InsertRows(long tableId, IEnumerable<RowInputs> rows) => Write((c, tx) =>
    {
        using var insert = new RowInserter(c, tx, tableId, "new row");
        foreach (var row in rows)
        {
            insert.Add(row);
        }

        insert.Flush();
        return insert.Ids;
    });

    /// <summary>
    /// Inserts Pending rows in batches of <see cref="BatchSize"/> through prepared multi-row statements: per
    /// statement costs (binding, stepping, resetting) are paid once per batch, not once per row. A duplicate key
    /// names the row's 0-based position; the caller's transaction, disposed uncommitted, then takes every row
    /// back: all rows or none. Call <see cref="Flush"/> before reading the ids of the last rows.
    /// </summary>
    private sealed class RowInserter : IDisposable
    {
        private const int BatchSize = 256;
        private readonly SqliteConnection _c;
        private readonly long _tableId;
        private readonly string? _reasons;
        private readonly RowFilesWriter _files;
        private readonly List<RowInputs> _pending = new(BatchSize);
        private readonly Dictionary<int, PositionalStatement> _statements = [];
        private readonly List<long> _ids = [];
        private int _flushed;

        public RowInserter(SqliteConnection c, SqliteTransaction tx, long tableId, string? reason)
        {
            _c = c;
            _tableId = tableId;
            // The reason is the same for every row: its JSON array is bound once as text.
            _reasons = reason is null ? null : System.Text.Json.JsonSerializer.Serialize(new[] { reason }, StoredJson.Default.Strings);
            _files = new RowFilesWriter(c, tx, tableId);
        }

        /// <summary>The ids of the rows inserted so far, in order (complete after <see cref="Flush"/>).</summary>
        public IReadOnlyList<long> Ids => _ids;

        public void Add(RowInputs row)
        {
            _pending.Add(row);
            if (_pending.Count == BatchSize)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            try
            {
                Execute(_pending.Count, 0);
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                // A failed statement undoes only itself: insert the batch again one row at a time to name the row.
                for (var i = 0; i < _pending.Count; i++)
                {
                    try
                    {
                        Execute(1, i);
                    }
                    catch (SqliteException one) when (IsUniqueViolation(one))
                    {
                        throw new DuplicateKeyViolation(_flushed + i, _pending[i].KeyText!);
                    }
                }

                throw;
            }

            _flushed += _pending.Count;
            _pending.Clear();
        }

        private void Execute(int count, int offset)
        {
            var cmd = Statement(count);
            for (var i = 0; i < count; i++)
            {
                var row = _pending[offset + i];
                cmd.Bind(3 + (3 * i), row.InputsJson);
                cmd.Bind(4 + (3 * i), row.InputHash);
                cmd.Bind(5 + (3 * i), row.KeyText);
            }

            cmd.Execute();

            // The rows of one statement get consecutive ids: the store's single writer holds the transaction, and
            // SQLite gives each new row the largest id so far plus one.
            var first = LastInsertId(_c) - count + 1;
            for (var i = 0; i < count; i++)
            {
                _ids.Add(first + i);
                var files = _pending[offset + i].Files;
                if (files.Count > 0)
                {
                    _files.Write(first + i, files, replace: false);
                }
            }
        }

        /// <summary>The INSERT of <paramref name="count"/> rows: ?1 the table, ?2 the reasons, then inputs, hash and key of each row.</summary>
        private PositionalStatement Statement(int count)
        {
            if (_statements.TryGetValue(count, out var cmd))
            {
                return cmd;
            }

            var values = string.Join(", ", Enumerable.Range(0, count).Select(i => $"(?1, {(int)RowStatus.Pending}, ?{3 + (3 * i)}, ?{4 + (3 * i)}, ?{5 + (3 * i)}, ?2)"));
            cmd = new PositionalStatement(_c, $"INSERT INTO rows(table_id, status, inputs, input_hash, key_text, reasons) VALUES {values}");
            cmd.Bind(1, _tableId);
            cmd.Bind(2, _reasons);
            _statements[count] = cmd;
            return cmd;
        }

        public void Dispose()
        {
            foreach (var cmd in _statements.Values)
            {
                cmd.Dispose();
            }

            _files.Dispose();
        }
    }

    public RowRecord? GetRow(long tableId, long rowId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, $"SELECT {RowColumns} FROM rows WHERE id = $id AND table_id = $t", ("$id", rowId), ("$t", tableId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadRow(r) : null;
    }

    public long? FindRowByKey(long tableId, string keyText)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT id FROM rows WHERE table_id = $t AND key_text = $k", ("$t", tableId), ("$k", keyText));
        return cmd.ExecuteScalar() is long id ? id : null;
    }

    public IEnumerable<RowRecord> ScanRows(long tableId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, $"SELECT {RowColumns} FROM rows WHERE table_id = $t ORDER BY id", ("$t", tableId));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return ReadRow(r);
        }
    }

    public RowStatus UpdateInputs(long tableId, long rowId, RowInputs inputs) =>
        UpdateInputsBatch<RowInputs>(tableId, [inputs], _ => RowTarget.ById(rowId), (_, _, row) => row is null ? throw new KeyNotFoundException($"row {rowId}") : inputs)[0];

    public IReadOnlyList<RowStatus> UpdateInputsBatch<TEdit>(long tableId, IEnumerable<TEdit> edits, Func<TEdit, RowTarget> locate, Func<int, TEdit, RowRecord?, RowInputs> apply) => Write((c, tx) =>
    {
        string tableHash;
        using (var cmd = Command(c, tx, "SELECT workflow_hash FROM worktables WHERE id = $t", ("$t", tableId)))
        {
            tableHash = cmd.ExecuteScalar() as string ?? throw new KeyNotFoundException($"table {tableId}");
        }

        using var reader = new EditReader(c, tx, tableId);
        using var update = new PositionalStatement(c,
            $"UPDATE rows SET inputs = $i, input_hash = $h, key_text = $k, status = $s, batch_id = CASE WHEN $s IN ({(int)RowStatus.Queued},{(int)RowStatus.Running}) THEN batch_id END, " +
            $"reasons = CASE WHEN $s = {(int)RowStatus.Succeeded} THEN NULL WHEN $reason IS NULL THEN reasons ELSE {AppendReason} END WHERE id = $id");
        var (pi, ph, pk, ps, preason, pid) = (update.Index("$i"), update.Index("$h"), update.Index("$k"), update.Index("$s"), update.Index("$reason"), update.Index("$id"));
        using var files = new RowFilesWriter(c, tx, tableId);
        var statuses = new List<RowStatus>();
        var index = 0;
        foreach (var (edit, target) in reader.Chunked(edits, locate))
        {
            var current = reader.Current(target);
            var inputs = apply(index, edit, current);
            if (current is null)
            {
                throw new KeyNotFoundException($"row {target}");
            }

            var status = current.Status;
            string? reason = null;
            if (current.InputHash != inputs.InputHash)
            {
                var hasOutputs = current.OutputsJson is not null;
                var matches = hasOutputs && current.ResultInputHash == inputs.InputHash && current.ResultWorkflowHash == tableHash;
                var next = RowStatusMachine.AfterIdentityChange(status, matches, hasOutputs);
                if (next != status)
                {
                    RowStatusMachine.EnsureLegal(current.RowId, status, next);
                }

                status = next;

                // Why the row needs a run is kept until it has one; a row back at the inputs of its outputs needs none.
                reason = inputs.Reason ?? "inputs changed";
            }

            update.Bind(pi, inputs.InputsJson);
            update.Bind(ph, inputs.InputHash);
            update.Bind(pk, inputs.KeyText);
            update.Bind(ps, (int)status);
            update.Bind(preason, reason);
            update.Bind(pid, current.RowId);
            try
            {
                update.Execute();
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                throw new DuplicateKeyViolation(index, inputs.KeyText!);
            }

            if (inputs.KeyText != current.KeyText)
            {
                // Rows read ahead by key may have been found under keys that just moved.
                reader.KeyChanged();
            }

            // row_files holds the paths of File and Directory cells only: a row that had none has nothing to replace.
            files.Write(current.RowId, inputs.Files, replace: current.InputsJson.Contains("\"class\":", StringComparison.Ordinal));
            statuses.Add(status);
            index++;
        }

        return (IReadOnlyList<RowStatus>)statuses;
    });

    /// <summary>
    /// Reads the rows of a batch edit ahead, <see cref="ChunkSize"/> at a time with one SELECT each, instead of one
    /// SELECT per edit. A chunk holds edits of one kind (by id or by key) naming distinct rows, so every row is
    /// read as it stands when its edit is applied: a row named again starts the next chunk, read after the edits
    /// before it are written; once an edit moves a key, the rest of the chunk is read one row at a time again.
    /// An error of the edit source is raised after the edits read before it, as when they were read one by one.
    /// </summary>
    private sealed class EditReader(SqliteConnection c, SqliteTransaction tx, long tableId) : IDisposable
    {
        private const int ChunkSize = 512;
        private readonly SqliteCommand _byIds = Prepared(Command(c, tx, $"SELECT {RowColumns} FROM rows WHERE table_id = $t AND id IN (SELECT value FROM json_each($ids))", ("$t", tableId), ("$ids", "[]")));
        private readonly SqliteCommand _byKeys = Prepared(Command(c, tx, $"SELECT {RowColumns} FROM rows WHERE table_id = $t AND key_text IN (SELECT value FROM json_each($keys))", ("$t", tableId), ("$keys", "[]")));
        private readonly SqliteCommand _byKey = Prepared(Command(c, tx, $"SELECT {RowColumns} FROM rows WHERE table_id = $t AND key_text = $k", ("$t", tableId), ("$k", "")));
        private readonly Dictionary<long, RowRecord> _ids = [];
        private readonly Dictionary<string, RowRecord> _keys = new(StringComparer.Ordinal);
        private bool _readOneByOne;

        public IEnumerable<(TEdit Edit, RowTarget Target)> Chunked<TEdit>(IEnumerable<TEdit> edits, Func<TEdit, RowTarget> locate)
        {
            using var e = edits.GetEnumerator();
            var chunk = new List<(TEdit Edit, RowTarget Target)>(ChunkSize);
            var named = new HashSet<RowTarget>();
            (TEdit Edit, RowTarget Target)? carried = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
            var more = true;
            while (more || carried is not null)
            {
                chunk.Clear();
                named.Clear();
                if (carried is { } first)
                {
                    chunk.Add(first);
                    named.Add(first.Target);
                    carried = null;
                }

                while (more && chunk.Count < ChunkSize)
                {
                    (TEdit Edit, RowTarget Target) item;
                    try
                    {
                        more = e.MoveNext();
                        item = more ? (e.Current, locate(e.Current)) : default;
                    }
                    catch (Exception ex)
                    {
                        failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
                        more = false;
                        item = default;
                    }

                    if (!more)
                    {
                        break;
                    }

                    if ((chunk.Count > 0 && (item.Target.KeyText is null) != (chunk[0].Target.KeyText is null)) || !named.Add(item.Target))
                    {
                        carried = item;
                        break;
                    }

                    chunk.Add(item);
                }

                Read(chunk);
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }

            failure?.Throw();
        }

        /// <summary>The row <paramref name="target"/> names as it stands now, or null.</summary>
        public RowRecord? Current(RowTarget target)
        {
            if (!_readOneByOne || target.KeyText is null)
            {
                return target.KeyText is null ? _ids.GetValueOrDefault(target.RowId) : _keys.GetValueOrDefault(target.KeyText);
            }

            _byKey.Parameters["$k"].Value = target.KeyText;
            using var r = _byKey.ExecuteReader();
            return r.Read() ? ReadRow(r) : null;
        }

        public void KeyChanged() => _readOneByOne = true;

        private void Read<TEdit>(List<(TEdit Edit, RowTarget Target)> chunk)
        {
            _ids.Clear();
            _keys.Clear();
            _readOneByOne = false;
            if (chunk.Count == 0)
            {
                return;
            }

            var byKey = chunk[0].Target.KeyText is not null;
            var cmd = byKey ? _byKeys : _byIds;
            cmd.Parameters[1].Value = byKey
                ? System.Text.Json.JsonSerializer.Serialize(chunk.Select(x => x.Target.KeyText!), StoredJson.Default.Strings)
                : System.Text.Json.JsonSerializer.Serialize(chunk.Select(x => x.Target.RowId), StoredJson.Default.Ids);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var row = ReadRow(r);
                _ids[row.RowId] = row;
                if (row.KeyText is { } key)
                {
                    _keys[key] = row;
                }
            }
        }

        public void Dispose()
        {
            _byIds.Dispose();
            _byKeys.Dispose();
            _byKey.Dispose();
        }
    }

    public bool DeleteRow(long tableId, long rowId) => Write((c, tx) =>
    {
        using var runs = Command(c, tx, "DELETE FROM runs WHERE row_id = $id AND table_id = $t", ("$id", rowId), ("$t", tableId));
        runs.ExecuteNonQuery();
        using var cmd = Command(c, tx, "DELETE FROM rows WHERE id = $id AND table_id = $t", ("$id", rowId), ("$t", tableId));
        return cmd.ExecuteNonQuery() == 1;
    });

    public IReadOnlyDictionary<RowStatus, long> CountByStatus(long tableId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT status, count(*) FROM rows WHERE table_id = $t GROUP BY status", ("$t", tableId));
        using var r = cmd.ExecuteReader();
        var counts = Enum.GetValues<RowStatus>().ToDictionary(s => s, _ => 0L);
        while (r.Read())
        {
            counts[(RowStatus)r.GetInt32(0)] = r.GetInt64(1);
        }

        return counts;
    }

    public long CountNeedingRun(long tableId, bool retryFailed)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, $"SELECT count(*) FROM rows WHERE table_id = $t AND {SchemaMigrations.NeedsRunPredicate}{FailedFilter(retryFailed)}", ("$t", tableId));
        return (long)cmd.ExecuteScalar()!;
    }

    public IReadOnlyList<long> RowsNeedingRun(long tableId, bool retryFailed, int limit)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null,
            $"SELECT id FROM rows WHERE table_id = $t AND {SchemaMigrations.NeedsRunPredicate}{FailedFilter(retryFailed)} ORDER BY id LIMIT $n",
            ("$t", tableId), ("$n", limit));
        return StoreCommand.ReadIds(cmd);
    }
}

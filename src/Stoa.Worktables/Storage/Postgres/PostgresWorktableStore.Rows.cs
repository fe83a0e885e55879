using Npgsql;
using NpgsqlTypes;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    private const string RowColumns =
        "id, status, inputs, input_hash, key_text, outputs, output_hash, result_input_hash, result_workflow_hash, run_id, attempts, error, log_location, queued_utc, started_utc, finished_utc, reasons";

    private const string NeedsRun = Sqlite.SchemaMigrations.NeedsRunPredicate;

    public IReadOnlyList<long> InsertRows(long tableId, IEnumerable<RowInputs> rows) => Write((c, tx) => InsertPending(c, tableId, rows as IReadOnlyList<RowInputs> ?? [.. rows], "new row"));

    /// <summary>
    /// Inserts Pending rows with one binary COPY. A duplicate key is found before anything is written (PostgreSQL
    /// ends the transaction at the first failed statement, so it cannot be tried row by row as SQLite does): the
    /// first row whose key an earlier row of the batch or a row of the table has; the write lock keeps the table
    /// from changing meanwhile. The ids are drawn from the rows' sequence first, in ascending order, so they are
    /// known without reading anything back and grow with the position.
    /// </summary>
    private static List<long> InsertPending(NpgsqlConnection c, long tableId, IReadOnlyList<RowInputs> rows, string? reason)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        ThrowOnDuplicateKey(c, tableId, rows);
        var ids = new List<long>(rows.Count);
        using (var next = Command(c, "SELECT nextval(pg_get_serial_sequence('rows', 'id')) FROM generate_series(1, @n)", ("n", rows.Count)))
        using (var r = next.ExecuteReader())
        {
            while (r.Read())
            {
                ids.Add(r.GetInt64(0));
            }
        }

        ids.Sort();
        var reasons = reason is null ? null : System.Text.Json.JsonSerializer.Serialize(new[] { reason }, StoredJson.Default.Strings);
        using (var copy = c.BeginBinaryImport("COPY rows(id, table_id, status, inputs, input_hash, key_text, reasons) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                copy.StartRow();
                copy.Write(ids[i], NpgsqlDbType.Bigint);
                copy.Write(tableId, NpgsqlDbType.Bigint);
                copy.Write((int)RowStatus.Pending, NpgsqlDbType.Integer);
                copy.Write(row.InputsJson, NpgsqlDbType.Text);
                copy.Write(row.InputHash, NpgsqlDbType.Text);
                WriteNullable(copy, row.KeyText);
                WriteNullable(copy, reasons);
            }

            copy.Complete();
        }

        using var files = new RowFilesWriter(c, tableId);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Files.Count > 0)
            {
                files.Write(ids[i], rows[i].Files, replace: false);
            }
        }

        return ids;
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    /// <exception cref="DuplicateKeyViolation">The first row whose key is taken, by the table or earlier in the batch.</exception>
    private static void ThrowOnDuplicateKey(NpgsqlConnection c, long tableId, IReadOnlyList<RowInputs> rows)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicate = -1;
        for (var i = 0; i < rows.Count && duplicate < 0; i++)
        {
            if (rows[i].KeyText is { } key && !first.TryAdd(key, i))
            {
                duplicate = i;
            }
        }

        if (first.Count > 0)
        {
            using var cmd = Command(c, "SELECT k FROM unnest(@keys) AS k WHERE EXISTS (SELECT 1 FROM rows WHERE table_id = @t AND key_text = k)",
                ("keys", first.Keys.ToArray()), ("t", tableId));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var at = first[r.GetString(0)];
                duplicate = duplicate < 0 ? at : Math.Min(duplicate, at);
            }
        }

        if (duplicate >= 0)
        {
            throw new DuplicateKeyViolation(duplicate, rows[duplicate].KeyText!);
        }
    }

    public RowRecord? GetRow(long tableId, long rowId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, $"SELECT {RowColumns} FROM rows WHERE id = @id AND table_id = @t", ("id", rowId), ("t", tableId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadRow(r) : null;
    }

    public long? FindRowByKey(long tableId, string keyText)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT id FROM rows WHERE table_id = @t AND key_text = @k", ("t", tableId), ("k", keyText));
        return cmd.ExecuteScalar() is long id ? id : null;
    }

    public IEnumerable<RowRecord> ScanRows(long tableId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, $"SELECT {RowColumns} FROM rows WHERE table_id = @t ORDER BY id", ("t", tableId));
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
        using (var cmd = Command(c, "SELECT workflow_hash FROM worktables WHERE id = @t", ("t", tableId)))
        {
            tableHash = cmd.ExecuteScalar() as string ?? throw new KeyNotFoundException($"table {tableId}");
        }

        using var byId = Command(c, $"SELECT {RowColumns} FROM rows WHERE id = @id AND table_id = @t", ("id", 0L), ("t", tableId));
        using var byKey = Command(c, $"SELECT {RowColumns} FROM rows WHERE table_id = @t AND key_text = @k", ("t", tableId), ("k", ""));
        using var update = Command(c,
            $"UPDATE rows SET inputs = @i, input_hash = @h, key_text = @k, status = @s, batch_id = CASE WHEN @s IN ({(int)RowStatus.Queued},{(int)RowStatus.Running}) THEN batch_id END, " +
            $"reasons = CASE WHEN @s = {(int)RowStatus.Succeeded} THEN NULL WHEN @reason IS NULL THEN reasons ELSE {AppendReason} END WHERE id = @id",
            ("i", ""), ("h", ""), ("k", null), ("s", 0), ("reason", null), ("id", 0L));
        using var files = new RowFilesWriter(c, tableId);
        var statuses = new List<RowStatus>();
        var index = 0;
        foreach (var edit in edits)
        {
            var target = locate(edit);
            var read = target.KeyText is null ? byId : byKey;
            read.Parameters[target.KeyText is null ? "id" : "k"].Value = target.KeyText is null ? target.RowId : target.KeyText;
            RowRecord? current;
            using (var r = read.ExecuteReader())
            {
                current = r.Read() ? ReadRow(r) : null;
            }

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
                reason = inputs.Reason ?? "inputs changed";
            }

            var p = update.Parameters;
            p["i"].Value = inputs.InputsJson;
            p["h"].Value = inputs.InputHash;
            p["k"].Value = (object?)inputs.KeyText ?? DBNull.Value;
            p["s"].Value = (int)status;
            p["reason"].Value = (object?)reason ?? DBNull.Value;
            p["id"].Value = current.RowId;
            try
            {
                update.ExecuteNonQuery();
            }
            catch (PostgresException e) when (IsUniqueViolation(e))
            {
                throw new DuplicateKeyViolation(index, inputs.KeyText!);
            }

            files.Write(current.RowId, inputs.Files, replace: current.InputsJson.Contains("\"class\":", StringComparison.Ordinal));
            statuses.Add(status);
            index++;
        }

        return (IReadOnlyList<RowStatus>)statuses;
    });

    public bool DeleteRow(long tableId, long rowId) => Write((c, tx) =>
    {
        using var runs = Command(c, "DELETE FROM runs WHERE row_id = @id AND table_id = @t", ("id", rowId), ("t", tableId));
        runs.ExecuteNonQuery();
        using var cmd = Command(c, "DELETE FROM rows WHERE id = @id AND table_id = @t", ("id", rowId), ("t", tableId));
        return cmd.ExecuteNonQuery() == 1;
    });

    public IReadOnlyDictionary<RowStatus, long> CountByStatus(long tableId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT status, count(*) FROM rows WHERE table_id = @t GROUP BY status", ("t", tableId));
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
        using var c = OpenConnection();
        using var cmd = Command(c, $"SELECT count(*) FROM rows WHERE table_id = @t AND {NeedsRun}{FailedFilter(retryFailed)}", ("t", tableId));
        return (long)cmd.ExecuteScalar()!;
    }

    public IReadOnlyList<long> RowsNeedingRun(long tableId, bool retryFailed, int limit)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, $"SELECT id FROM rows WHERE table_id = @t AND {NeedsRun}{FailedFilter(retryFailed)} ORDER BY id LIMIT @n", ("t", tableId), ("n", limit));
        return StoreCommand.ReadIds(cmd);
    }
}

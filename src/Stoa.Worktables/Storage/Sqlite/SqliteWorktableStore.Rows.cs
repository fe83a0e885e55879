using Microsoft.Data.Sqlite;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    private const string RowColumns =
        "id, status, inputs, input_hash, key_text, outputs, output_hash, result_input_hash, result_workflow_hash, run_id, attempts, error, log_location, queued_utc, started_utc, finished_utc, reasons";

    public IReadOnlyList<long> InsertRows(long tableId, IEnumerable<RowInputs> rows) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx,
            $"INSERT INTO rows(table_id, status, inputs, input_hash, key_text, reasons) VALUES($t, {(int)RowStatus.Pending}, $i, $h, $k, json_array($reason)) RETURNING id",
            ("$t", tableId), ("$i", ""), ("$h", ""), ("$k", null), ("$reason", "new row"));
        cmd.Prepare();
        var pi = cmd.Parameters["$i"];
        var ph = cmd.Parameters["$h"];
        var pk = cmd.Parameters["$k"];
        var ids = new List<long>();
        var index = 0;
        foreach (var row in rows)
        {
            pi.Value = row.InputsJson;
            ph.Value = row.InputHash;
            pk.Value = (object?)row.KeyText ?? DBNull.Value;
            try
            {
                var id = (long)cmd.ExecuteScalar()!;
                WriteRowFiles(c, tx, tableId, id, row.Files, replace: false);
                ids.Add(id);
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                // The transaction is rolled back when it is disposed uncommitted: all rows or none.
                throw new DuplicateKeyViolation(index, row.KeyText!);
            }

            index++;
        }

        return (IReadOnlyList<long>)ids;
    });

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

    public RowStatus UpdateInputs(long tableId, long rowId, RowInputs inputs) => Write((c, tx) =>
    {
        RowStatus status;
        string inputHash;
        bool hasOutputs;
        string? resultInput, resultWorkflow;
        using (var cmd = Command(c, tx,
            "SELECT r.status, r.input_hash, r.outputs IS NOT NULL, r.result_input_hash, r.result_workflow_hash, t.workflow_hash FROM rows r JOIN worktables t ON t.id = r.table_id WHERE r.id = $id AND r.table_id = $t",
            ("$id", rowId), ("$t", tableId)))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                throw new KeyNotFoundException($"row {rowId}");
            }

            status = (RowStatus)r.GetInt32(0);
            inputHash = r.GetString(1);
            hasOutputs = r.GetBoolean(2);
            resultInput = NullableString(r, 3);
            resultWorkflow = NullableString(r, 4);
            var tableHash = r.GetString(5);
            if (inputHash != inputs.InputHash)
            {
                var matches = hasOutputs && resultInput == inputs.InputHash && resultWorkflow == tableHash;
                var next = RowStatusMachine.AfterIdentityChange(status, matches, hasOutputs);
                if (next != status)
                {
                    RowStatusMachine.EnsureLegal(rowId, status, next);
                }

                status = next;
            }
        }

        // Why the row needs a run is kept until it has one; a row back at the inputs of its outputs needs none.
        var reason = inputHash == inputs.InputHash ? null : inputs.Reason ?? "inputs changed";
        using (var cmd = Command(c, tx,
            $"UPDATE rows SET inputs = $i, input_hash = $h, key_text = $k, status = $s, batch_id = CASE WHEN $s IN ({(int)RowStatus.Queued},{(int)RowStatus.Running}) THEN batch_id END, " +
            $"reasons = CASE WHEN $s = {(int)RowStatus.Succeeded} THEN NULL WHEN $reason IS NULL THEN reasons ELSE {AppendReason} END WHERE id = $id",
            ("$i", inputs.InputsJson), ("$h", inputs.InputHash), ("$k", inputs.KeyText), ("$s", (int)status), ("$reason", reason), ("$id", rowId)))
        {
            try
            {
                cmd.ExecuteNonQuery();
            }
            catch (SqliteException e) when (IsUniqueViolation(e))
            {
                throw new DuplicateKeyViolation(0, inputs.KeyText!);
            }
        }

        WriteRowFiles(c, tx, tableId, rowId, inputs.Files, replace: true);

        return status;
    });

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
        using var r = cmd.ExecuteReader();
        var ids = new List<long>();
        while (r.Read())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// The partial index holds Failed rows too; when failures are not retried they are filtered out on top of
    /// the literal index predicate (SQLite uses a partial index only when the query repeats its WHERE clause).
    /// </summary>
    private static string FailedFilter(bool retryFailed) => retryFailed ? "" : $" AND status <> {(int)RowStatus.Failed}";

    private static RowRecord ReadRow(SqliteDataReader r) => new(
        r.GetInt64(0),
        (RowStatus)r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        NullableString(r, 4),
        NullableString(r, 5),
        NullableString(r, 6),
        NullableString(r, 7),
        NullableString(r, 8),
        NullableString(r, 9),
        r.GetInt32(10),
        NullableString(r, 11),
        NullableString(r, 12),
        FromTicks(r, 13),
        FromTicks(r, 14),
        FromTicks(r, 15),
        NullableString(r, 16));
}

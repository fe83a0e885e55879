using Microsoft.Data.Sqlite;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public long NewBatchId() => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "INSERT INTO batches(created_utc) VALUES($now) RETURNING id", ("$now", Ticks(DateTime.UtcNow)));
        return (long)cmd.ExecuteScalar()!;
    });

    public long ClaimRows(long tableId, long batchId, bool retryFailed, DateTime nowUtc) => Write((c, tx) =>
    {
        // Every status in the needs-run predicate may move to Queued (checked by the status machine tests).
        using var cmd = Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Queued}, batch_id = $b, queued_utc = $now WHERE table_id = $t AND {SchemaMigrations.NeedsRunPredicate}{FailedFilter(retryFailed)}",
            ("$b", batchId), ("$now", Ticks(nowUtc)), ("$t", tableId));
        return (long)cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<long> QueuedRows(long tableId, long batchId, long afterRowId, int limit)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null,
            $"SELECT id FROM rows WHERE batch_id = $b AND {SchemaMigrations.ActivePredicate} AND status = {(int)RowStatus.Queued} AND id > $after AND table_id = $t ORDER BY id LIMIT $n",
            ("$b", batchId), ("$after", afterRowId), ("$t", tableId), ("$n", limit));
        using var r = cmd.ExecuteReader();
        var ids = new List<long>();
        while (r.Read())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }

    public RunTicket? TryStart(long tableId, long rowId, long batchId, string runId, DateTime nowUtc) => Write<RunTicket?>((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(rowId, RowStatus.Queued, RowStatus.Running);
        string inputs, inputHash;
        int attempt;
        using (var cmd = Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Running}, run_id = $run, attempts = attempts + 1, started_utc = $now, finished_utc = NULL " +
            $"WHERE id = $id AND table_id = $t AND status = {(int)RowStatus.Queued} AND batch_id = $b RETURNING inputs, input_hash, attempts",
            ("$run", runId), ("$now", Ticks(nowUtc)), ("$id", rowId), ("$t", tableId), ("$b", batchId)))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                // Edited (back to Pending) or deleted since it was queued: not this batch's business any more.
                return null;
            }

            inputs = r.GetString(0);
            inputHash = r.GetString(1);
            attempt = r.GetInt32(2);
        }

        string workflowHash;
        using (var cmd = Command(c, tx, "SELECT workflow_hash FROM worktables WHERE id = $t", ("$t", tableId)))
        {
            workflowHash = (string)cmd.ExecuteScalar()!;
        }

        using (var cmd = Command(c, tx,
            $"INSERT INTO runs(run_id, row_id, table_id, attempt, input_hash, workflow_hash, state, started_utc) VALUES($run, $id, $t, $a, $ih, $wh, {(int)RunState.Running}, $now)",
            ("$run", runId), ("$id", rowId), ("$t", tableId), ("$a", attempt), ("$ih", inputHash), ("$wh", workflowHash), ("$now", Ticks(nowUtc))))
        {
            cmd.ExecuteNonQuery();
        }

        return new RunTicket(tableId, rowId, runId, attempt, inputs, inputHash, workflowHash);
    });

    public RunState Finish(RunTicket ticket, RunResult result, DateTime nowUtc) => Write((c, tx) =>
    {
        var current = CurrentRun(c, tx, ticket);
        RunState state;
        if (current is null)
        {
            state = RunState.Superseded;
        }
        else if (current.Value.InputHash != ticket.InputHash || current.Value.WorkflowHash != ticket.WorkflowHash)
        {
            // Still marked running with this run, but the workflow changed under it: the result is for an old identity.
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Pending);
            using var cmd = Command(c, tx, $"UPDATE rows SET status = {(int)RowStatus.Pending}, batch_id = NULL, finished_utc = $now WHERE id = $id",
                ("$now", Ticks(nowUtc)), ("$id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Superseded;
        }
        else if (result.Succeeded)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Succeeded);
            using var cmd = Command(c, tx,
                $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, outputs = $o, output_hash = $oh, result_input_hash = $ih, result_workflow_hash = $wh, " +
                "error = NULL, log_location = $log, finished_utc = $now, batch_id = NULL, reasons = NULL WHERE id = $id",
                ("$o", result.OutputsJson), ("$oh", result.OutputHash), ("$ih", ticket.InputHash), ("$wh", ticket.WorkflowHash), ("$log", result.LogLocation), ("$now", Ticks(nowUtc)), ("$id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Succeeded;
        }
        else
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Failed);
            using var cmd = Command(c, tx,
                $"UPDATE rows SET status = {(int)RowStatus.Failed}, error = $e, log_location = $log, finished_utc = $now, batch_id = NULL WHERE id = $id",
                ("$e", result.Error), ("$log", result.LogLocation), ("$now", Ticks(nowUtc)), ("$id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Failed;
        }

        CloseRun(c, tx, ticket, state, nowUtc, state == RunState.Succeeded ? result.OutputHash : null, result.Error, result.LogLocation);
        return state;
    });

    public RunState Cancel(RunTicket ticket, DateTime nowUtc) => Write((c, tx) =>
    {
        var state = RunState.Superseded;
        if (CurrentRun(c, tx, ticket) is not null)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Cancelled);
            using var cmd = Command(c, tx, $"UPDATE rows SET status = {(int)RowStatus.Cancelled}, finished_utc = $now, batch_id = NULL WHERE id = $id",
                ("$now", Ticks(nowUtc)), ("$id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Cancelled;
        }

        CloseRun(c, tx, ticket, state, nowUtc, null, "cancelled", null);
        return state;
    });

    public long CancelQueued(long tableId, long batchId, DateTime nowUtc) => Write((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Queued, RowStatus.Cancelled);
        using var cmd = Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Cancelled}, finished_utc = $now, batch_id = NULL WHERE batch_id = $b AND {SchemaMigrations.ActivePredicate} AND status = {(int)RowStatus.Queued} AND table_id = $t",
            ("$now", Ticks(nowUtc)), ("$b", batchId), ("$t", tableId));
        return (long)cmd.ExecuteNonQuery();
    });

    public RecoveryCounts RecoverInterrupted(DateTime nowUtc) => Write((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Running, RowStatus.Pending);
        RowStatusMachine.EnsureLegal(0, RowStatus.Queued, RowStatus.Pending);
        long runs;
        using (var cmd = Command(c, tx,
            $"UPDATE runs SET state = {(int)RunState.Interrupted}, finished_utc = $now, error = 'interrupted: the process ended during the run' WHERE state = {(int)RunState.Running}",
            ("$now", Ticks(nowUtc))))
        {
            runs = cmd.ExecuteNonQuery();
        }

        long rows;
        using (var cmd = Command(c, tx,
            $"UPDATE rows SET error = CASE WHEN status = {(int)RowStatus.Running} THEN 'interrupted: the process ended during the run' ELSE error END, " +
            $"status = {(int)RowStatus.Pending}, batch_id = NULL WHERE {SchemaMigrations.ActivePredicate}"))
        {
            rows = cmd.ExecuteNonQuery();
        }

        return new RecoveryCounts(rows, runs);
    });

    public IReadOnlyList<RunRecord> Runs(long tableId, long rowId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null,
            "SELECT run_id, row_id, attempt, input_hash, workflow_hash, state, started_utc, finished_utc, error, output_hash, log_location FROM runs WHERE row_id = $id AND table_id = $t ORDER BY attempt",
            ("$id", rowId), ("$t", tableId));
        using var r = cmd.ExecuteReader();
        var runs = new List<RunRecord>();
        while (r.Read())
        {
            runs.Add(new RunRecord(r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), (RunState)r.GetInt32(5),
                new DateTime(r.GetInt64(6), DateTimeKind.Utc), FromTicks(r, 7), NullableString(r, 8), NullableString(r, 9), NullableString(r, 10)));
        }

        return runs;
    }

    /// <summary>The row's current input hash and the table's workflow hash, when the row is still running this run.</summary>
    private static (string InputHash, string WorkflowHash)? CurrentRun(SqliteConnection c, SqliteTransaction tx, RunTicket ticket)
    {
        using var cmd = Command(c, tx,
            $"SELECT r.input_hash, t.workflow_hash FROM rows r JOIN worktables t ON t.id = r.table_id WHERE r.id = $id AND r.status = {(int)RowStatus.Running} AND r.run_id = $run",
            ("$id", ticket.RowId), ("$run", ticket.RunId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetString(1)) : null;
    }

    private static void CloseRun(SqliteConnection c, SqliteTransaction tx, RunTicket ticket, RunState state, DateTime nowUtc, string? outputHash, string? error, string? log)
    {
        using var cmd = Command(c, tx,
            $"UPDATE runs SET state = $s, finished_utc = $now, output_hash = $oh, error = $e, log_location = $log WHERE run_id = $run AND state = {(int)RunState.Running}",
            ("$s", (int)state), ("$now", Ticks(nowUtc)), ("$oh", outputHash), ("$e", error), ("$log", log), ("$run", ticket.RunId));
        cmd.ExecuteNonQuery();
    }
}

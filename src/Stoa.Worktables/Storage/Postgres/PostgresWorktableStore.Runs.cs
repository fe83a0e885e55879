using Npgsql;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    private const string Interrupted = "interrupted: the process ended during the run";

    public long NewBatchId(string holder, DateTime leaseUntilUtc) => Write((c, tx) =>
    {
        using var cmd = Command(c, "INSERT INTO batches(created_utc, holder, lease_expires_utc) VALUES(@now, @h, @until) RETURNING id",
            ("now", Ticks(DateTime.UtcNow)), ("h", holder), ("until", Ticks(leaseUntilUtc)));
        return (long)cmd.ExecuteScalar()!;
    });

    public void RenewLease(long batchId, DateTime leaseUntilUtc) => Write((c, tx) =>
    {
        // As SQLite's: a lease renewed after it ran out takes nothing back (batch and run ids differ).
        using var cmd = Command(c, "UPDATE batches SET lease_expires_utc = @until WHERE id = @b", ("until", Ticks(leaseUntilUtc)), ("b", batchId));
        return cmd.ExecuteNonQuery();
    });

    public void ReleaseLease(long batchId) => Write((c, tx) =>
    {
        using var cmd = Command(c, "UPDATE batches SET lease_expires_utc = 0 WHERE id = @b", ("b", batchId));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<long> ClaimRows(long tableId, long batchId, bool retryFailed, long afterRowId, int limit, DateTime nowUtc) => Write((c, tx) =>
    {
        RecoverExpired(c, nowUtc);

        // Every status in the needs-run predicate may move to Queued. The rows are locked as they are picked and
        // rows another transaction holds are passed over: two claims are disjoint even without the write lock.
        using var cmd = Command(c,
            $"UPDATE rows SET status = {(int)RowStatus.Queued}, batch_id = @b, queued_utc = @now WHERE id IN (" +
            $"SELECT id FROM rows WHERE table_id = @t AND {NeedsRun}{FailedFilter(retryFailed)} AND id > @after ORDER BY id LIMIT @n FOR UPDATE SKIP LOCKED) RETURNING id",
            ("b", batchId), ("now", Ticks(nowUtc)), ("t", tableId), ("after", afterRowId), ("n", limit));
        var ids = ReadIds(cmd);
        ids.Sort();
        return (IReadOnlyList<long>)ids;
    });

    public RunTicket? TryStart(long tableId, long rowId, long batchId, string runId, DateTime nowUtc) => Write<RunTicket?>((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(rowId, RowStatus.Queued, RowStatus.Running);
        string inputs, inputHash;
        int attempt;
        using (var cmd = Command(c,
            $"UPDATE rows SET status = {(int)RowStatus.Running}, run_id = @run, attempts = attempts + 1, started_utc = @now, finished_utc = NULL " +
            $"WHERE id = @id AND table_id = @t AND status = {(int)RowStatus.Queued} AND batch_id = @b RETURNING inputs, input_hash, attempts",
            ("run", runId), ("now", Ticks(nowUtc)), ("id", rowId), ("t", tableId), ("b", batchId)))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                return null;
            }

            inputs = r.GetString(0);
            inputHash = r.GetString(1);
            attempt = r.GetInt32(2);
        }

        string workflowHash;
        using (var cmd = Command(c, "SELECT workflow_hash FROM worktables WHERE id = @t", ("t", tableId)))
        {
            workflowHash = (string)cmd.ExecuteScalar()!;
        }

        using (var cmd = Command(c,
            $"INSERT INTO runs(run_id, row_id, table_id, attempt, input_hash, workflow_hash, state, started_utc, batch_id) VALUES(@run, @id, @t, @a, @ih, @wh, {(int)RunState.Running}, @now, @b)",
            ("b", batchId), ("run", runId), ("id", rowId), ("t", tableId), ("a", attempt), ("ih", inputHash), ("wh", workflowHash), ("now", Ticks(nowUtc))))
        {
            cmd.ExecuteNonQuery();
        }

        return new RunTicket(tableId, rowId, runId, attempt, inputs, inputHash, workflowHash);
    });

    public RunState Finish(RunTicket ticket, RunResult result, DateTime nowUtc) => Write((c, tx) =>
    {
        var current = CurrentRun(c, ticket);
        RunState state;
        if (current is null)
        {
            state = RunState.Superseded;
        }
        else if (current.Value.InputHash != ticket.InputHash || current.Value.WorkflowHash != ticket.WorkflowHash)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Pending);
            using var cmd = Command(c, $"UPDATE rows SET status = {(int)RowStatus.Pending}, batch_id = NULL, finished_utc = @now WHERE id = @id",
                ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Superseded;
        }
        else if (result.Succeeded)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Succeeded);
            using var cmd = Command(c,
                $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, outputs = @o, output_hash = @oh, result_input_hash = @ih, result_workflow_hash = @wh, " +
                "error = NULL, log_location = @log, finished_utc = @now, batch_id = NULL, reasons = NULL WHERE id = @id",
                ("o", result.OutputsJson), ("oh", result.OutputHash), ("ih", ticket.InputHash), ("wh", ticket.WorkflowHash), ("log", result.LogLocation), ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Succeeded;
        }
        else
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Failed);
            using var cmd = Command(c,
                $"UPDATE rows SET status = {(int)RowStatus.Failed}, error = @e, log_location = @log, finished_utc = @now, batch_id = NULL WHERE id = @id",
                ("e", result.Error), ("log", result.LogLocation), ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Failed;
        }

        CloseRun(c, ticket, state, nowUtc, state == RunState.Succeeded ? result.OutputHash : null, result.Error, result.LogLocation);
        return state;
    });

    public RunState Cancel(RunTicket ticket, DateTime nowUtc) => Write((c, tx) =>
    {
        var state = RunState.Superseded;
        if (CurrentRun(c, ticket) is not null)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Cancelled);
            using var cmd = Command(c, $"UPDATE rows SET status = {(int)RowStatus.Cancelled}, finished_utc = @now, batch_id = NULL WHERE id = @id",
                ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Cancelled;
        }

        CloseRun(c, ticket, state, nowUtc, null, "cancelled", null);
        return state;
    });

    public long CancelQueued(long tableId, long batchId, DateTime nowUtc) => Write((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Queued, RowStatus.Cancelled);
        using var cmd = Command(c,
            $"UPDATE rows SET status = {(int)RowStatus.Cancelled}, finished_utc = @now, batch_id = NULL WHERE batch_id = @b AND {Sqlite.SchemaMigrations.ActivePredicate} AND status = {(int)RowStatus.Queued} AND table_id = @t",
            ("now", Ticks(nowUtc)), ("b", batchId), ("t", tableId));
        return (long)cmd.ExecuteNonQuery();
    });

    public RecoveryCounts RecoverInterrupted(DateTime nowUtc) => Write((c, tx) => RecoverExpired(c, nowUtc));

    /// <summary>Rows of batches whose lease has run out back to Pending, their open runs marked interrupted (as SQLite's).</summary>
    private static RecoveryCounts RecoverExpired(NpgsqlConnection c, DateTime nowUtc)
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Running, RowStatus.Pending);
        RowStatusMachine.EnsureLegal(0, RowStatus.Queued, RowStatus.Pending);
        long runs;
        using (var cmd = Command(c,
            $"UPDATE runs SET state = {(int)RunState.Interrupted}, finished_utc = @now, error = '{Interrupted}' WHERE state = {(int)RunState.Running} AND NOT {LeaseHeld("runs")}",
            ("now", Ticks(nowUtc))))
        {
            runs = cmd.ExecuteNonQuery();
        }

        long rows;
        using (var cmd = Command(c,
            $"UPDATE rows SET error = CASE WHEN status = {(int)RowStatus.Running} THEN '{Interrupted}' ELSE error END, " +
            $"status = {(int)RowStatus.Pending}, batch_id = NULL WHERE {Sqlite.SchemaMigrations.ActivePredicate} AND NOT {LeaseHeld("rows")}",
            ("now", Ticks(nowUtc))))
        {
            rows = cmd.ExecuteNonQuery();
        }

        return new RecoveryCounts(rows, runs);
    }

    private static string LeaseHeld(string alias) => $"EXISTS (SELECT 1 FROM batches b WHERE b.id = {alias}.batch_id AND b.lease_expires_utc > @now)";

    public IReadOnlyList<RunRecord> Runs(long tableId, long rowId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c,
            "SELECT run_id, row_id, attempt, input_hash, workflow_hash, state, started_utc, finished_utc, error, output_hash, log_location FROM runs WHERE row_id = @id AND table_id = @t ORDER BY attempt",
            ("id", rowId), ("t", tableId));
        using var r = cmd.ExecuteReader();
        var runs = new List<RunRecord>();
        while (r.Read())
        {
            runs.Add(new RunRecord(r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), (RunState)r.GetInt32(5),
                new DateTime(r.GetInt64(6), DateTimeKind.Utc), FromTicks(r, 7), NullableString(r, 8), NullableString(r, 9), NullableString(r, 10)));
        }

        return runs;
    }

    private static (string InputHash, string WorkflowHash)? CurrentRun(NpgsqlConnection c, RunTicket ticket)
    {
        using var cmd = Command(c,
            $"SELECT r.input_hash, t.workflow_hash FROM rows r JOIN worktables t ON t.id = r.table_id WHERE r.id = @id AND r.status = {(int)RowStatus.Running} AND r.run_id = @run",
            ("id", ticket.RowId), ("run", ticket.RunId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetString(1)) : null;
    }

    private static void CloseRun(NpgsqlConnection c, RunTicket ticket, RunState state, DateTime nowUtc, string? outputHash, string? error, string? log)
    {
        using var cmd = Command(c,
            $"UPDATE runs SET state = @s, finished_utc = @now, output_hash = @oh, error = @e, log_location = @log WHERE run_id = @run AND state = {(int)RunState.Running}",
            ("s", (int)state), ("now", Ticks(nowUtc)), ("oh", outputHash), ("e", error), ("log", log), ("run", ticket.RunId));
        cmd.ExecuteNonQuery();
    }
}

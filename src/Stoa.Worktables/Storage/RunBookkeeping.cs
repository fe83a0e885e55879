using System.Data.Common;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;
using Stoa.Worktables.Storage.Sqlite;
using static Stoa.Worktables.Storage.StoreCommand;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage;

/// <summary>
/// The run bookkeeping of both stores — batches and their leases, starting, finishing and cancelling runs, and
/// recovering those whose batch's lease ran out — whose status rules and SQL are the same in SQLite and PostgreSQL.
/// Each store calls it inside its own write transaction (or on a reader connection); what differs by dialect
/// (claiming rows, pruning the change log) stays in the store.
/// </summary>
internal static class RunBookkeeping
{
    private const string Interrupted = "interrupted: the process ended during the run";

    public static long NewBatchId(DbConnection c, DbTransaction tx, string holder, DateTime leaseUntilUtc)
    {
        using var cmd = Create(c, tx, "INSERT INTO batches(created_utc, holder, lease_expires_utc) VALUES(@now, @h, @until) RETURNING id",
            ("now", Ticks(DateTime.UtcNow)), ("h", holder), ("until", Ticks(leaseUntilUtc)));
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Extending a lease that has already run out is safe: if another recompute recovered its rows meanwhile,
    /// they are no longer this batch's (batch and run ids differ), so nothing is taken back and this batch's late
    /// results are dropped as superseded.
    /// </summary>
    public static int RenewLease(DbConnection c, DbTransaction tx, long batchId, DateTime leaseUntilUtc)
    {
        using var cmd = Create(c, tx, "UPDATE batches SET lease_expires_utc = @until WHERE id = @b", ("until", Ticks(leaseUntilUtc)), ("b", batchId));
        return cmd.ExecuteNonQuery();
    }

    public static int ReleaseLease(DbConnection c, DbTransaction tx, long batchId)
    {
        using var cmd = Create(c, tx, "UPDATE batches SET lease_expires_utc = 0 WHERE id = @b", ("b", batchId));
        return cmd.ExecuteNonQuery();
    }

    public static RunTicket? TryStart(DbConnection c, DbTransaction tx, long tableId, long rowId, long batchId, string runId, DateTime nowUtc)
    {
        RowStatusMachine.EnsureLegal(rowId, RowStatus.Queued, RowStatus.Running);
        string inputs, inputHash;
        int attempt;
        using (var cmd = Create(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Running}, run_id = @run, attempts = attempts + 1, started_utc = @now, finished_utc = NULL " +
            $"WHERE id = @id AND table_id = @t AND status = {(int)RowStatus.Queued} AND batch_id = @b RETURNING inputs, input_hash, attempts",
            ("run", runId), ("now", Ticks(nowUtc)), ("id", rowId), ("t", tableId), ("b", batchId)))
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
        using (var cmd = Create(c, tx, "SELECT workflow_hash FROM worktables WHERE id = @t", ("t", tableId)))
        {
            workflowHash = (string)cmd.ExecuteScalar()!;
        }

        using (var cmd = Create(c, tx,
            $"INSERT INTO runs(run_id, row_id, table_id, attempt, input_hash, workflow_hash, state, started_utc, batch_id) VALUES(@run, @id, @t, @a, @ih, @wh, {(int)RunState.Running}, @now, @b)",
            ("b", batchId), ("run", runId), ("id", rowId), ("t", tableId), ("a", attempt), ("ih", inputHash), ("wh", workflowHash), ("now", Ticks(nowUtc))))
        {
            cmd.ExecuteNonQuery();
        }

        return new RunTicket(tableId, rowId, runId, attempt, inputs, inputHash, workflowHash);
    }

    public static RunState Finish(DbConnection c, DbTransaction tx, RunTicket ticket, RunResult result, DateTime nowUtc)
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
            using var cmd = Create(c, tx, $"UPDATE rows SET status = {(int)RowStatus.Pending}, batch_id = NULL, finished_utc = @now WHERE id = @id",
                ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Superseded;
        }
        else if (result.Succeeded)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Succeeded);
            using var cmd = Create(c, tx,
                $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, outputs = @o, output_hash = @oh, result_input_hash = @ih, result_workflow_hash = @wh, " +
                "error = NULL, log_location = @log, finished_utc = @now, batch_id = NULL, reasons = NULL WHERE id = @id",
                ("o", result.OutputsJson), ("oh", result.OutputHash), ("ih", ticket.InputHash), ("wh", ticket.WorkflowHash), ("log", result.LogLocation), ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Succeeded;
        }
        else
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Failed);
            using var cmd = Create(c, tx,
                $"UPDATE rows SET status = {(int)RowStatus.Failed}, error = @e, log_location = @log, finished_utc = @now, batch_id = NULL WHERE id = @id",
                ("e", result.Error), ("log", result.LogLocation), ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Failed;
        }

        CloseRun(c, tx, ticket, state, nowUtc, state == RunState.Succeeded ? result.OutputHash : null, result.Error, result.LogLocation);
        return state;
    }

    public static RunState Cancel(DbConnection c, DbTransaction tx, RunTicket ticket, DateTime nowUtc)
    {
        var state = RunState.Superseded;
        if (CurrentRun(c, tx, ticket) is not null)
        {
            RowStatusMachine.EnsureLegal(ticket.RowId, RowStatus.Running, RowStatus.Cancelled);
            using var cmd = Create(c, tx, $"UPDATE rows SET status = {(int)RowStatus.Cancelled}, finished_utc = @now, batch_id = NULL WHERE id = @id",
                ("now", Ticks(nowUtc)), ("id", ticket.RowId));
            cmd.ExecuteNonQuery();
            state = RunState.Cancelled;
        }

        CloseRun(c, tx, ticket, state, nowUtc, null, "cancelled", null);
        return state;
    }

    public static long CancelQueued(DbConnection c, DbTransaction tx, long tableId, long batchId, DateTime nowUtc)
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Queued, RowStatus.Cancelled);
        using var cmd = Create(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Cancelled}, finished_utc = @now, batch_id = NULL WHERE batch_id = @b AND {SchemaMigrations.ActivePredicate} AND status = {(int)RowStatus.Queued} AND table_id = @t",
            ("now", Ticks(nowUtc)), ("b", batchId), ("t", tableId));
        return cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Rows Queued or Running under a batch whose lease has run out (its holder died, or is from before leases)
    /// back to Pending; runs left open by such a batch marked interrupted. Reads the active-rows and open-runs
    /// partial indexes only, so it costs what is in flight, not the table size.
    /// </summary>
    /// <param name="c">The connection.</param>
    /// <param name="tx">The write transaction.</param>
    /// <param name="nowUtc">The time leases are compared with.</param>
    /// <param name="ownBatch">The caller's own batch (0: none), never recovered: the caller is alive, whatever its
    /// lease says. A recompute that stalled past its lease (a loaded machine, a paused process) would otherwise take
    /// back its own claimed rows when it next claims — behind its claim cursor, so it would never run them and would
    /// end leaving them Pending.</param>
    public static RecoveryCounts RecoverExpired(DbConnection c, DbTransaction tx, DateTime nowUtc, long ownBatch = 0)
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Running, RowStatus.Pending);
        RowStatusMachine.EnsureLegal(0, RowStatus.Queued, RowStatus.Pending);
        long runs;
        using (var cmd = Create(c, tx,
            $"UPDATE runs SET state = {(int)RunState.Interrupted}, finished_utc = @now, error = '{Interrupted}' WHERE state = {(int)RunState.Running} AND NOT {LeaseHeld("runs")}",
            ("now", Ticks(nowUtc)), ("own", ownBatch)))
        {
            runs = cmd.ExecuteNonQuery();
        }

        long rows;
        using (var cmd = Create(c, tx,
            $"UPDATE rows SET error = CASE WHEN status = {(int)RowStatus.Running} THEN '{Interrupted}' ELSE error END, " +
            $"status = {(int)RowStatus.Pending}, batch_id = NULL WHERE {SchemaMigrations.ActivePredicate} AND NOT {LeaseHeld("rows")}",
            ("now", Ticks(nowUtc)), ("own", ownBatch)))
        {
            rows = cmd.ExecuteNonQuery();
        }

        return new RecoveryCounts(rows, runs);
    }

    public static IReadOnlyList<RunRecord> Runs(DbConnection c, long tableId, long rowId)
    {
        using var cmd = Create(c, null,
            "SELECT run_id, row_id, attempt, input_hash, workflow_hash, state, started_utc, finished_utc, error, output_hash, log_location FROM runs WHERE row_id = @id AND table_id = @t ORDER BY attempt",
            ("id", rowId), ("t", tableId));
        return ReadAll(cmd, r => new RunRecord(r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.GetString(4), (RunState)r.GetInt32(5), new DateTime(r.GetInt64(6), DateTimeKind.Utc), FromTicks(r, 7), NullableString(r, 8), NullableString(r, 9), NullableString(r, 10)));
    }

    private static string LeaseHeld(string alias) =>
        $"EXISTS (SELECT 1 FROM batches b WHERE b.id = {alias}.batch_id AND (b.lease_expires_utc > @now OR b.id = @own))";

    /// <summary>The row's current input hash and the table's workflow hash, when the row is still running this run.</summary>
    private static (string InputHash, string WorkflowHash)? CurrentRun(DbConnection c, DbTransaction tx, RunTicket ticket)
    {
        using var cmd = Create(c, tx,
            $"SELECT r.input_hash, t.workflow_hash FROM rows r JOIN worktables t ON t.id = r.table_id WHERE r.id = @id AND r.status = {(int)RowStatus.Running} AND r.run_id = @run",
            ("id", ticket.RowId), ("run", ticket.RunId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetString(1)) : null;
    }

    private static void CloseRun(DbConnection c, DbTransaction tx, RunTicket ticket, RunState state, DateTime nowUtc, string? outputHash, string? error, string? log)
    {
        using var cmd = Create(c, tx,
            $"UPDATE runs SET state = @s, finished_utc = @now, output_hash = @oh, error = @e, log_location = @log WHERE run_id = @run AND state = {(int)RunState.Running}",
            ("s", (int)state), ("now", Ticks(nowUtc)), ("oh", outputHash), ("e", error), ("log", log), ("run", ticket.RunId));
        cmd.ExecuteNonQuery();
    }
}

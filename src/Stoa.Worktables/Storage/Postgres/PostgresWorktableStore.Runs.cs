using Stoa.Worktables.Model;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    public void ReleaseLease(long batchId) => Write((c, tx) => RunBookkeeping.ReleaseLease(c, tx, batchId));

    public IReadOnlyList<long> ClaimRows(long tableId, long batchId, bool retryFailed, long afterRowId, int limit, DateTime nowUtc) => Write((c, tx) =>
    {
        RunBookkeeping.RecoverExpired(c, tx, nowUtc, batchId);

        // Every status in the needs-run predicate may move to Queued. The rows are locked as they are picked and
        // rows another transaction holds are passed over: two claims are disjoint even without the write lock.
        using var cmd = Command(c,
            $"UPDATE rows SET status = {(int)RowStatus.Queued}, batch_id = @b, queued_utc = @now WHERE id IN (" +
            $"SELECT id FROM rows WHERE table_id = @t AND {NeedsRun}{FailedFilter(retryFailed)} AND id > @after ORDER BY id LIMIT @n FOR UPDATE SKIP LOCKED) RETURNING id",
            ("b", batchId), ("now", Ticks(nowUtc)), ("t", tableId), ("after", afterRowId), ("n", limit));
        var ids = StoreCommand.ReadIds(cmd);
        ids.Sort();
        return (IReadOnlyList<long>)ids;
    });
}

using Stoa.Worktables.Model;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public void ReleaseLease(long batchId) => Write((c, tx) =>
    {
        RunBookkeeping.ReleaseLease(c, tx, batchId);

        // The change log only serves processes watching now; an hour covers any watcher's poll.
        using var prune = Command(c, tx, "DELETE FROM row_changes WHERE utc < unixepoch() - 3600");
        return prune.ExecuteNonQuery();
    });

    public IReadOnlyList<long> ClaimRows(long tableId, long batchId, bool retryFailed, long afterRowId, int limit, DateTime nowUtc) => Write((c, tx) =>
    {
        RunBookkeeping.RecoverExpired(c, tx, nowUtc, batchId);

        // Every status in the needs-run predicate may move to Queued (checked by the status machine tests). The
        // inner SELECT repeats the needs-run index's predicate so it reads that index only; the write lock makes
        // two recomputes' claims disjoint.
        using var cmd = Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Queued}, batch_id = $b, queued_utc = $now WHERE id IN (" +
            $"SELECT id FROM rows WHERE table_id = $t AND {SchemaMigrations.NeedsRunPredicate}{FailedFilter(retryFailed)} AND id > $after ORDER BY id LIMIT $n) RETURNING id",
            ("$b", batchId), ("$now", Ticks(nowUtc)), ("$t", tableId), ("$after", afterRowId), ("$n", limit));
        var ids = StoreCommand.ReadIds(cmd);
        ids.Sort();
        return ids;
    });
}

using System.Data.Common;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;
using Stoa.Worktables.Storage.Sqlite;
using static Stoa.Worktables.Storage.StoreCommand;

namespace Stoa.Worktables.Storage;

/// <summary>
/// Which rows go stale and when they come back, for both stores: a Succeeded row marked stale moves to Stale with
/// the reason, a row that needs a run anyway only notes it; a Stale row whose last reason is cleared is Succeeded
/// again only when its result still matches its inputs, its workflow and its files. The rules are the same in
/// SQLite and PostgreSQL; only the JSON functions that edit a row's reasons (a JSON array kept as text) and the
/// spelling of a null-safe inequality differ, so each store passes its own fragments.
/// </summary>
internal static class StaleReasons
{
    /// <summary>A row (of <c>rows</c>) none of whose input files is tracked as missing.</summary>
    public const string NoMissingInput =
        "NOT EXISTS(SELECT 1 FROM row_files rf JOIN tracked_files tf ON tf.path = rf.path AND tf.table_id = rows.table_id AND tf.role = 0 " +
        "WHERE rf.row_id = rows.id AND tf.fingerprint = 'missing')";

    /// <summary>
    /// Marks the Succeeded rows of <paramref name="rowIds"/> stale with <paramref name="reason"/> and notes the
    /// reason on those that need a run anyway; returns the rows that turned stale.
    /// <paramref name="appendReason"/> is the store's expression of <c>reasons</c> with the <c>reason</c> parameter appended.
    /// </summary>
    public static IReadOnlyList<long> MarkStale(DbConnection c, DbTransaction tx, long tableId, IReadOnlyCollection<long> rowIds, string reason, string appendReason)
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Succeeded, RowStatus.Stale);
        var marked = new List<long>();
        using var stale = Create(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Stale}, reasons = {appendReason} WHERE id = @id AND table_id = @t AND status = {(int)RowStatus.Succeeded} RETURNING id",
            ("id", 0L), ("t", tableId), ("reason", reason));
        using var note = Create(c, tx,
            $"UPDATE rows SET reasons = {appendReason} WHERE id = @id AND table_id = @t AND {SchemaMigrations.NeedsRunPredicate}",
            ("id", 0L), ("t", tableId), ("reason", reason));
        foreach (var id in rowIds)
        {
            stale.Parameters[0].Value = id;
            if (stale.ExecuteScalar() is long changed)
            {
                marked.Add(changed);
            }
            else
            {
                note.Parameters[0].Value = id;
                note.ExecuteNonQuery();
            }
        }

        return marked;
    }

    /// <summary>
    /// Removes the reasons in <paramref name="gone"/> (the store's value of the <c>gone</c> parameter) from the rows
    /// of <paramref name="rowIds"/>, and returns the Stale rows that are Succeeded again. <paramref name="withoutGone"/>
    /// is the store's expression of <c>rows.reasons</c> without those reasons, <paramref name="noReasons"/> its test that
    /// <c>reasons</c> is empty.
    /// </summary>
    public static IReadOnlyList<long> ClearReasons(DbConnection c, DbTransaction tx, long tableId, IReadOnlyCollection<long> rowIds, string withoutGone, object gone, string noReasons)
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Stale, RowStatus.Succeeded);
        using var clear = Create(c, tx,
            $"UPDATE rows SET reasons = {withoutGone} WHERE id = @id AND table_id = @t AND reasons IS NOT NULL",
            ("id", 0L), ("t", tableId), ("gone", gone));
        using var back = Create(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, reasons = NULL WHERE id = @id AND table_id = @t AND status = {(int)RowStatus.Stale} " +
            $"AND {noReasons} AND outputs IS NOT NULL AND result_input_hash = input_hash " +
            $"AND result_workflow_hash = (SELECT workflow_hash FROM worktables WHERE id = @t) AND {NoMissingInput} RETURNING id",
            ("id", 0L), ("t", tableId));
        var restored = new List<long>();
        foreach (var id in rowIds)
        {
            clear.Parameters[0].Value = id;
            clear.ExecuteNonQuery();
            back.Parameters[0].Value = id;
            if (back.ExecuteScalar() is long r)
            {
                restored.Add(r);
            }
        }

        return restored;
    }

    /// <summary>
    /// Records the table's new definition and workflow and moves its rows along the status machine: Succeeded →
    /// Stale with <paramref name="reason"/>, and back to Succeeded when the stored outputs were made by exactly this
    /// workflow and these inputs (a workflow change undone) and every input file of the row is still there (a row
    /// whose file went missing stays in need of a run); rows that need a run for other reasons note the reason too.
    /// <paramref name="appendReason"/> is the store's expression of <c>reasons</c> with the <c>reason</c> parameter
    /// appended, <paramref name="isDistinctFrom"/> its null-safe inequality.
    /// </summary>
    public static WorkflowChangeCounts ChangeWorkflow(DbConnection c, DbTransaction tx, long tableId, string definitionJson, string workflowHash, string reason, string appendReason, string isDistinctFrom)
    {
        using (var cmd = Create(c, tx, "UPDATE worktables SET definition = @d, workflow_hash = @h WHERE id = @id", ("d", definitionJson), ("h", workflowHash), ("id", tableId)))
        {
            cmd.ExecuteNonQuery();
        }

        var toStale = StatusList(RowStatusMachine.SourcesOf(RowStatus.Stale).Where(s => s == RowStatus.Succeeded));
        long stale;
        using (var cmd = Create(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Stale}, reasons = {appendReason} WHERE table_id = @id AND status IN ({toStale}) AND result_workflow_hash {isDistinctFrom} @h",
            ("h", workflowHash), ("id", tableId), ("reason", reason)))
        {
            stale = cmd.ExecuteNonQuery();
        }

        var toSucceeded = StatusList(RowStatusMachine.SourcesOf(RowStatus.Succeeded).Where(s => s != RowStatus.Running));
        long back;
        using (var cmd = Create(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, reasons = NULL WHERE table_id = @id AND status IN ({toSucceeded}) AND outputs IS NOT NULL AND result_input_hash = input_hash AND result_workflow_hash = @h AND {NoMissingInput}",
            ("h", workflowHash), ("id", tableId)))
        {
            back = cmd.ExecuteNonQuery();
        }

        using (var cmd = Create(c, tx,
            $"UPDATE rows SET reasons = {appendReason} WHERE table_id = @id AND {SchemaMigrations.NeedsRunPredicate} AND status <> {(int)RowStatus.Stale}",
            ("id", tableId), ("reason", reason)))
        {
            cmd.ExecuteNonQuery();
        }

        return new WorkflowChangeCounts(stale, back);
    }

    public static IReadOnlyList<TrackedFile> TrackedFiles(DbConnection c, long tableId, TrackedRole role)
    {
        using var cmd = Create(c, null, "SELECT path, fingerprint, digest FROM tracked_files WHERE table_id = @t AND role = @r", ("t", tableId), ("r", (int)role));
        return ReadAll(cmd, r => new TrackedFile(r.GetString(0), r.GetString(1), r.GetString(2)));
    }

    public static IReadOnlyList<long> RowsUsingFile(DbConnection c, long tableId, string path)
    {
        using var cmd = Create(c, null, "SELECT f.row_id FROM row_files f JOIN rows r ON r.id = f.row_id WHERE f.path = @p AND r.table_id = @t ORDER BY f.row_id", ("p", path), ("t", tableId));
        return ReadIds(cmd);
    }

    private static string StatusList(IEnumerable<RowStatus> statuses) => string.Join(",", statuses.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static string? FindWorkflowVersion(DbConnection c, string hash)
    {
        using var cmd = Create(c, null, "SELECT manifest FROM workflow_versions WHERE hash = @h", ("h", hash));
        return cmd.ExecuteScalar() as string;
    }
}

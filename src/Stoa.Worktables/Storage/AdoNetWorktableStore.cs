using System.Data.Common;
using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage;

/// <summary>
/// The part of the SQLite and PostgreSQL stores that is the same statements over the provider-neutral ADO.NET
/// connection: run bookkeeping, access and annotations, links, table names and metadata updates, reading tracked files and workflow versions. Each store derives from it and supplies only how it
/// writes (its own lock and transaction) and how it opens a reader connection; what differs by dialect or is a
/// provider fast path stays in the store.
/// </summary>
internal abstract class AdoNetWorktableStore
{
    public long NewBatchId(string holder, DateTime leaseUntilUtc) => InWriteTransaction((c, tx) => RunBookkeeping.NewBatchId(c, tx, holder, leaseUntilUtc));

    public void RenewLease(long batchId, DateTime leaseUntilUtc) => InWriteTransaction((c, tx) => RunBookkeeping.RenewLease(c, tx, batchId, leaseUntilUtc));

    public RunTicket? TryStart(long tableId, long rowId, long batchId, string runId, DateTime nowUtc) =>
        InWriteTransaction((c, tx) => RunBookkeeping.TryStart(c, tx, tableId, rowId, batchId, runId, nowUtc));

    public RunState Finish(RunTicket ticket, RunResult result, DateTime nowUtc) => InWriteTransaction((c, tx) => RunBookkeeping.Finish(c, tx, ticket, result, nowUtc));

    public RunState Cancel(RunTicket ticket, DateTime nowUtc) => InWriteTransaction((c, tx) => RunBookkeeping.Cancel(c, tx, ticket, nowUtc));

    public long CancelQueued(long tableId, long batchId, DateTime nowUtc) => InWriteTransaction((c, tx) => RunBookkeeping.CancelQueued(c, tx, tableId, batchId, nowUtc));

    public RecoveryCounts RecoverInterrupted(DateTime nowUtc) => InWriteTransaction((c, tx) => RunBookkeeping.RecoverExpired(c, tx, nowUtc));

    public IReadOnlyList<RunRecord> Runs(long tableId, long rowId) => Read(c => RunBookkeeping.Runs(c, tableId, rowId));

    public bool AddUser(string name, DateTime nowUtc) => InWriteTransaction((c, tx) => AccessBookkeeping.AddUser(c, tx, name, nowUtc));

    public IReadOnlyList<string> Users() => Read(AccessBookkeeping.Users);

    public WorktableRole? RoleOf(long tableId, string user) => Read(c => AccessBookkeeping.RoleOf(c, tableId, user));

    public IReadOnlyDictionary<string, WorktableRole> Grants(long tableId) => Read(c => AccessBookkeeping.Grants(c, tableId));

    public void SetGrant(long tableId, string tableName, string user, WorktableRole? role, string actingUser, DateTime nowUtc) =>
        InWriteTransaction((c, tx) => AccessBookkeeping.SetGrant(c, tx, tableId, tableName, user, role, actingUser, nowUtc));

    public void Audit(AuditEntry entry) => InWriteTransaction((c, tx) => AccessBookkeeping.InsertAudit(c, tx, entry));

    public IReadOnlyList<AuditEntry> AuditLog(string? table) => Read(c => AccessBookkeeping.AuditLog(c, table));

    public void AddFlag(long tableId, RowFlag flag) => InWriteTransaction((c, tx) => AccessBookkeeping.AddFlag(c, tx, tableId, flag));

    public IReadOnlyList<RowFlag> FlagHistory(long tableId, long? rowId) => Read(c => AccessBookkeeping.FlagHistory(c, tableId, rowId));

    public RowComment AddComment(long tableId, long rowId, string user, DateTime nowUtc, string text) =>
        InWriteTransaction((c, tx) => AccessBookkeeping.AddComment(c, tx, tableId, rowId, user, nowUtc, text));

    public IReadOnlyList<RowComment> Comments(long tableId, long? rowId) => Read(c => AccessBookkeeping.Comments(c, tableId, rowId));

    public void DeleteTable(long tableId) => InWriteTransaction((c, tx) => AccessBookkeeping.DeleteTable(c, tx, tableId));

    public long AddLink(long parentTableId, long childTableId, string specJson) => InWriteTransaction((c, tx) => LinkBookkeeping.AddLink(c, tx, parentTableId, childTableId, specJson));

    public IReadOnlyList<LinkRecord> Links() => Read(LinkBookkeeping.Links);

    public IReadOnlyList<GeneratedRow> GeneratedRows(long linkId) => Read(c => LinkBookkeeping.GeneratedRows(c, linkId));

    public IReadOnlyList<string> TableNames() => Read(c =>
    {
        using var cmd = StoreCommand.Create(c, null, "SELECT name FROM worktables ORDER BY name");
        return (IReadOnlyList<string>)StoreCommand.ReadAll(cmd, r => r.GetString(0));
    });

    public void SetTemplate(long tableId, string templateJson) => InWriteTransaction((c, tx) =>
    {
        using var cmd = StoreCommand.Create(c, tx, "UPDATE worktables SET template = @t WHERE id = @id", ("t", templateJson), ("id", tableId));
        return cmd.ExecuteNonQuery();
    });

    public void SetDefinition(long tableId, string definitionJson) => InWriteTransaction((c, tx) =>
    {
        using var cmd = StoreCommand.Create(c, tx, "UPDATE worktables SET definition = @d WHERE id = @id", ("d", definitionJson), ("id", tableId));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<TrackedFile> TrackedFiles(long tableId, TrackedRole role) => Read(c => StaleReasons.TrackedFiles(c, tableId, role));

    public IReadOnlyList<long> RowsUsingFile(long tableId, string path) => Read(c => StaleReasons.RowsUsingFile(c, tableId, path));

    public string? FindWorkflowVersion(string hash) => Read(c => StaleReasons.FindWorkflowVersion(c, hash));

    /// <summary>Runs <paramref name="work"/> in one write transaction of the store (its write lock held) and commits it.</summary>
    protected abstract T InWriteTransaction<T>(Func<DbConnection, DbTransaction, T> work);

    /// <summary>As <see cref="InWriteTransaction{T}"/>, for work that returns nothing.</summary>
    protected void InWriteTransaction(Action<DbConnection, DbTransaction> work) => InWriteTransaction((c, tx) =>
    {
        work(c, tx);
        return 0;
    });

    /// <summary>A connection for reading committed data, open; the caller disposes it.</summary>
    protected abstract DbConnection OpenReadConnection();

    private T Read<T>(Func<DbConnection, T> read)
    {
        using var c = OpenReadConnection();
        return read(c);
    }
}

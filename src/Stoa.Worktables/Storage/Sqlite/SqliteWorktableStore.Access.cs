using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore : IAccessStore
{
    public bool AddUser(string name, DateTime nowUtc) => Write((c, tx) => AccessBookkeeping.AddUser(c, tx, name, nowUtc));

    public IReadOnlyList<string> Users()
    {
        using var c = OpenReader();
        return AccessBookkeeping.Users(c);
    }

    public WorktableRole? RoleOf(long tableId, string user)
    {
        using var c = OpenReader();
        return AccessBookkeeping.RoleOf(c, tableId, user);
    }

    public IReadOnlyDictionary<string, WorktableRole> Grants(long tableId)
    {
        using var c = OpenReader();
        return AccessBookkeeping.Grants(c, tableId);
    }

    public void SetGrant(long tableId, string tableName, string user, WorktableRole? role, string actingUser, DateTime nowUtc) => Write((c, tx) =>
    {
        AccessBookkeeping.SetGrant(c, tx, tableId, tableName, user, role, actingUser, nowUtc);
        return 0;
    });

    public void Audit(AuditEntry entry) => Write((c, tx) =>
    {
        AccessBookkeeping.InsertAudit(c, tx, entry);
        return 0;
    });

    public IReadOnlyList<AuditEntry> AuditLog(string? table)
    {
        using var c = OpenReader();
        return AccessBookkeeping.AuditLog(c, table);
    }

    public void AddFlag(long tableId, RowFlag flag) => Write((c, tx) => AccessBookkeeping.AddFlag(c, tx, tableId, flag));

    public IReadOnlyList<RowFlag> FlagHistory(long tableId, long? rowId)
    {
        using var c = OpenReader();
        return AccessBookkeeping.FlagHistory(c, tableId, rowId);
    }

    public RowComment AddComment(long tableId, long rowId, string user, DateTime nowUtc, string text) =>
        Write((c, tx) => AccessBookkeeping.AddComment(c, tx, tableId, rowId, user, nowUtc, text));

    public IReadOnlyList<RowComment> Comments(long tableId, long? rowId)
    {
        using var c = OpenReader();
        return AccessBookkeeping.Comments(c, tableId, rowId);
    }

    public void DeleteTable(long tableId) => Write((c, tx) =>
    {
        AccessBookkeeping.DeleteTable(c, tx, tableId);
        return 0;
    });
}

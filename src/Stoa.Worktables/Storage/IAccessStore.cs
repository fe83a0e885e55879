using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;

namespace Stoa.Worktables.Storage;

/// <summary>Users, roles, audit log and row annotations, in domain terms. Every method is atomic.</summary>
internal interface IAccessStore
{
    /// <returns><see langword="false"/> when the user existed already.</returns>
    bool AddUser(string name, DateTime nowUtc);

    IReadOnlyList<string> Users();

    WorktableRole? RoleOf(long tableId, string user);

    IReadOnlyDictionary<string, WorktableRole> Grants(long tableId);

    /// <summary>Sets (or with <see langword="null"/> removes) a user's role, and audits it, in one transaction.</summary>
    void SetGrant(long tableId, string tableName, string user, WorktableRole? role, string actingUser, DateTime nowUtc);

    void Audit(AuditEntry entry);

    IReadOnlyList<AuditEntry> AuditLog(string? table);

    void AddFlag(long tableId, RowFlag flag);

    IReadOnlyList<RowFlag> FlagHistory(long tableId, long? rowId);

    RowComment AddComment(long tableId, long rowId, string user, DateTime nowUtc, string text);

    IReadOnlyList<RowComment> Comments(long tableId, long? rowId);

    /// <summary>Publishes the table under <paramref name="publishedName"/> (or with <see langword="null"/> withdraws it), and audits it, in one transaction.</summary>
    /// <exception cref="Errors.WorktableException">Another table is published under that name.</exception>
    void SetPublication(long tableId, string tableName, string? publishedName, string actingUser, DateTime nowUtc);

    /// <summary>Every published table: its name and the name it is published under, by published name.</summary>
    IReadOnlyList<(string TableName, string PublishedName)> Publications();

    /// <summary>Deletes the table with its rows, runs, grants and annotations.</summary>
    void DeleteTable(long tableId);
}

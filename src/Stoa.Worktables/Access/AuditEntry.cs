namespace Stoa.Worktables.Access;

/// <summary>One persisted entry of a project's audit log.</summary>
/// <param name="Utc">When (UTC).</param>
/// <param name="User">The acting user.</param>
/// <param name="Table">The table name.</param>
/// <param name="Operation">What was asked.</param>
/// <param name="Allowed">Whether it was allowed (denials are always logged; of allowed operations, role changes are).</param>
/// <param name="Detail">The role held and required, or the grant made.</param>
public sealed record AuditEntry(DateTime Utc, string User, string Table, WorktableOperation Operation, bool Allowed, string Detail);

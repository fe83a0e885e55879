namespace Stoa.Worktables.Storage;

/// <summary>
/// Row changes committed to the store by any process since the feed was opened, read by polling. Cheap when
/// nothing changed (SQLite: one <c>PRAGMA data_version</c>; PostgreSQL: one round trip taking in the notifications).
/// </summary>
internal interface IChangeFeed : IDisposable
{
    /// <summary>The rows changed since the last poll, as (table name, row id) pairs in commit order; empty when none.</summary>
    IReadOnlyList<(string Table, long RowId)> Poll();
}

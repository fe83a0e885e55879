using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public void SetPublication(long tableId, string tableName, string? publishedName, string actingUser, DateTime nowUtc) => Write((c, tx) =>
    {
        using (var cmd = publishedName is null
            ? Command(c, tx, "DELETE FROM published WHERE table_id = $t", ("$t", tableId))
            : Command(c, tx,
                "INSERT INTO published(table_id, name, user_name, utc) VALUES($t, $n, $u, $c) ON CONFLICT(table_id) DO UPDATE SET name = $n, user_name = $u, utc = $c",
                ("$t", tableId), ("$n", publishedName), ("$u", actingUser), ("$c", Ticks(nowUtc))))
        {
            try
            {
                cmd.ExecuteNonQuery();
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (IsUniqueViolation(e))
            {
                // The name is compared without case, as ADQL compares regular identifiers.
                throw new WorktableException($"table '{tableName}': another table is already published as '{publishedName}'; choose another name with --as.", e);
            }
        }

        AccessBookkeeping.InsertAudit(c, tx, new AuditEntry(nowUtc, actingUser, tableName, WorktableOperation.Publish, true,
            publishedName is null ? "withdrawn from the VO services" : $"published as {publishedName}"));
        return 0;
    });

    public IReadOnlyList<(string TableName, string PublishedName)> Publications()
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT w.name, p.name FROM published p JOIN worktables w ON w.id = p.table_id ORDER BY p.name");
        return StoreCommand.ReadAll(cmd, r => (r.GetString(0), r.GetString(1)));
    }
}

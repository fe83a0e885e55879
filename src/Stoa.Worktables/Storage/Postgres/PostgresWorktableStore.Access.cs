using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    public void SetPublication(long tableId, string tableName, string? publishedName, string actingUser, DateTime nowUtc) => Write((c, tx) =>
    {
        if (publishedName is null)
        {
            using var cmd = Command(c, "DELETE FROM published WHERE table_id = @t", ("t", tableId));
            cmd.ExecuteNonQuery();
        }
        else
        {
            // Checked first (a failed INSERT would end the transaction); the name is compared without case, as ADQL compares regular identifiers.
            using (var taken = Command(c, "SELECT 1 FROM published WHERE lower(name) = lower(@n) AND table_id <> @t", ("n", publishedName), ("t", tableId)))
            {
                if (taken.ExecuteScalar() is not null)
                {
                    throw new WorktableException($"table '{tableName}': another table is already published as '{publishedName}'; choose another name with --as.");
                }
            }

            using var cmd = Command(c,
                "INSERT INTO published(table_id, name, user_name, utc) VALUES(@t, @n, @u, @c) ON CONFLICT(table_id) DO UPDATE SET name = @n, user_name = @u, utc = @c",
                ("t", tableId), ("n", publishedName), ("u", actingUser), ("c", Ticks(nowUtc)));
            cmd.ExecuteNonQuery();
        }

        AccessBookkeeping.InsertAudit(c, tx, new AuditEntry(nowUtc, actingUser, tableName, WorktableOperation.Publish, true,
            publishedName is null ? "withdrawn from the VO services" : $"published as {publishedName}"));
        return 0;
    });

    public IReadOnlyList<(string TableName, string PublishedName)> Publications()
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT w.name, p.name FROM published p JOIN worktables w ON w.id = p.table_id ORDER BY lower(p.name)");
        return StoreCommand.ReadAll(cmd, r => (r.GetString(0), r.GetString(1)));
    }

    public long AddGeneratedRow(long linkId, long parentRowId, int index, long childTableId, RowInputs inputs) => Write((c, tx) =>
    {
        // As SQLite's: the row is inserted without its files (the link's rows name none of their own).
        var id = InsertPending(c, childTableId, [inputs with { Files = [] }], reason: null)[0];
        LinkBookkeeping.RecordGeneratedRow(c, tx, linkId, parentRowId, index, id);
        return id;
    });
}

using System.Data.Common;
using Stoa.Worktables.Model;
using static Stoa.Worktables.Storage.StoreCommand;

namespace Stoa.Worktables.Storage;

/// <summary>
/// Links between tables and the child rows they generated, for both stores (the SQL is the same in SQLite and
/// PostgreSQL); inserting the child row itself stays in each store, with its own duplicate-key handling.
/// </summary>
internal static class LinkBookkeeping
{
    public static long AddLink(DbConnection c, DbTransaction tx, long parentTableId, long childTableId, string specJson)
    {
        using var cmd = Create(c, tx, "INSERT INTO links(parent_table, child_table, spec) VALUES(@p, @c, @s) RETURNING id",
            ("p", parentTableId), ("c", childTableId), ("s", specJson));
        return (long)cmd.ExecuteScalar()!;
    }

    public static IReadOnlyList<LinkRecord> Links(DbConnection c)
    {
        using var cmd = Create(c, null, "SELECT id, parent_table, child_table, spec FROM links ORDER BY id");
        return ReadAll(cmd, r => new LinkRecord(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)));
    }

    public static IReadOnlyList<GeneratedRow> GeneratedRows(DbConnection c, long linkId)
    {
        using var cmd = Create(c, null, "SELECT parent_row, idx, child_row FROM generated_rows WHERE link_id = @l ORDER BY parent_row, idx", ("l", linkId));
        return ReadAll(cmd, r => new GeneratedRow(r.GetInt64(0), r.GetInt32(1), r.GetInt64(2)));
    }

    /// <summary>Records that <paramref name="childRowId"/> is the <paramref name="index"/>th row the link generated from the parent row.</summary>
    public static void RecordGeneratedRow(DbConnection c, DbTransaction tx, long linkId, long parentRowId, int index, long childRowId)
    {
        using var cmd = Create(c, tx, "INSERT INTO generated_rows(link_id, parent_row, idx, child_row) VALUES(@l, @p, @x, @c)",
            ("l", linkId), ("p", parentRowId), ("x", index), ("c", childRowId));
        cmd.ExecuteNonQuery();
    }
}

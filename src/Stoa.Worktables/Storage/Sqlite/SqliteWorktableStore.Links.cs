using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore : ILinkStore
{
    public long AddLink(long parentTableId, long childTableId, string specJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "INSERT INTO links(parent_table, child_table, spec) VALUES($p, $c, $s) RETURNING id",
            ("$p", parentTableId), ("$c", childTableId), ("$s", specJson));
        return (long)cmd.ExecuteScalar()!;
    });

    public IReadOnlyList<LinkRecord> Links()
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT id, parent_table, child_table, spec FROM links ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<LinkRecord>();
        while (r.Read())
        {
            list.Add(new LinkRecord(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)));
        }

        return list;
    }

    public IReadOnlyList<GeneratedRow> GeneratedRows(long linkId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT parent_row, idx, child_row FROM generated_rows WHERE link_id = $l ORDER BY parent_row, idx", ("$l", linkId));
        using var r = cmd.ExecuteReader();
        var list = new List<GeneratedRow>();
        while (r.Read())
        {
            list.Add(new GeneratedRow(r.GetInt64(0), r.GetInt32(1), r.GetInt64(2)));
        }

        return list;
    }

    public long AddGeneratedRow(long linkId, long parentRowId, int index, long childTableId, RowInputs inputs) => Write((c, tx) =>
    {
        long id;
        using (var cmd = Command(c, tx,
            $"INSERT INTO rows(table_id, status, inputs, input_hash, key_text) VALUES($t, {(int)RowStatus.Pending}, $i, $h, $k) RETURNING id",
            ("$t", childTableId), ("$i", inputs.InputsJson), ("$h", inputs.InputHash), ("$k", inputs.KeyText)))
        {
            try
            {
                id = (long)cmd.ExecuteScalar()!;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (IsUniqueViolation(e))
            {
                throw new DuplicateKeyViolation(0, inputs.KeyText!);
            }
        }

        using (var cmd = Command(c, tx, "INSERT INTO generated_rows(link_id, parent_row, idx, child_row) VALUES($l, $p, $x, $c)",
            ("$l", linkId), ("$p", parentRowId), ("$x", index), ("$c", id)))
        {
            cmd.ExecuteNonQuery();
        }

        return id;
    });
}

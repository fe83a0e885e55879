using Npgsql;
using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore : IAccessStore, ILinkStore
{
    public bool AddUser(string name, DateTime nowUtc) => Write((c, tx) =>
    {
        using var cmd = Command(c, "INSERT INTO users(name, created_utc) VALUES(@n, @u) ON CONFLICT(name) DO NOTHING", ("n", name), ("u", Ticks(nowUtc)));
        return cmd.ExecuteNonQuery() == 1;
    });

    public IReadOnlyList<string> Users()
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT name FROM users ORDER BY name");
        return ReadStrings(cmd);
    }

    public WorktableRole? RoleOf(long tableId, string user)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT role FROM grants WHERE table_id = @t AND user_name = @u", ("t", tableId), ("u", user));
        return cmd.ExecuteScalar() is int role ? (WorktableRole)role : null;
    }

    public IReadOnlyDictionary<string, WorktableRole> Grants(long tableId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT user_name, role FROM grants WHERE table_id = @t ORDER BY user_name", ("t", tableId));
        using var r = cmd.ExecuteReader();
        var grants = new Dictionary<string, WorktableRole>(StringComparer.Ordinal);
        while (r.Read())
        {
            grants[r.GetString(0)] = (WorktableRole)r.GetInt32(1);
        }

        return grants;
    }

    public void SetGrant(long tableId, string tableName, string user, WorktableRole? role, string actingUser, DateTime nowUtc) => Write((c, tx) =>
    {
        using (var cmd = role is { } r
            ? Command(c, "INSERT INTO grants(table_id, user_name, role) VALUES(@t, @u, @r) ON CONFLICT(table_id, user_name) DO UPDATE SET role = @r", ("t", tableId), ("u", user), ("r", (int)r))
            : Command(c, "DELETE FROM grants WHERE table_id = @t AND user_name = @u", ("t", tableId), ("u", user)))
        {
            cmd.ExecuteNonQuery();
        }

        InsertAudit(c, new AuditEntry(nowUtc, actingUser, tableName, WorktableOperation.Share, true, $"{user} → {role?.ToString() ?? "no role"}"));
        return 0;
    });

    public void Audit(AuditEntry entry) => Write((c, tx) =>
    {
        InsertAudit(c, entry);
        return 0;
    });

    public IReadOnlyList<AuditEntry> AuditLog(string? table)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT utc, user_name, table_name, operation, allowed, detail FROM audit WHERE @t::text IS NULL OR table_name = @t ORDER BY id", ("t", table));
        using var r = cmd.ExecuteReader();
        var list = new List<AuditEntry>();
        while (r.Read())
        {
            list.Add(new AuditEntry(new DateTime(r.GetInt64(0), DateTimeKind.Utc), r.GetString(1), r.GetString(2), (WorktableOperation)r.GetInt32(3), r.GetBoolean(4), r.GetString(5)));
        }

        return list;
    }

    public void AddFlag(long tableId, RowFlag flag) => Write((c, tx) =>
    {
        RequireRow(c, tableId, flag.RowId);
        using var cmd = Command(c, "INSERT INTO row_flags(row_id, label, is_set, user_name, utc) VALUES(@r, @l, @s, @u, @t)",
            ("r", flag.RowId), ("l", flag.Label), ("s", flag.IsSet), ("u", flag.Author), ("t", Ticks(flag.Utc)));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<RowFlag> FlagHistory(long tableId, long? rowId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c,
            "SELECT f.row_id, f.label, f.is_set, f.user_name, f.utc FROM row_flags f JOIN rows r ON r.id = f.row_id WHERE r.table_id = @t AND (@r::bigint IS NULL OR f.row_id = @r::bigint) ORDER BY f.id",
            ("t", tableId), ("r", rowId));
        using var r = cmd.ExecuteReader();
        var list = new List<RowFlag>();
        while (r.Read())
        {
            list.Add(new RowFlag(r.GetInt64(0), r.GetString(1), r.GetBoolean(2), r.GetString(3), new DateTime(r.GetInt64(4), DateTimeKind.Utc)));
        }

        return list;
    }

    public RowComment AddComment(long tableId, long rowId, string user, DateTime nowUtc, string text) => Write((c, tx) =>
    {
        RequireRow(c, tableId, rowId);
        using var cmd = Command(c, "INSERT INTO row_comments(row_id, user_name, utc, body) VALUES(@r, @u, @t, @b) RETURNING id",
            ("r", rowId), ("u", user), ("t", Ticks(nowUtc)), ("b", text));
        return new RowComment((long)cmd.ExecuteScalar()!, rowId, user, nowUtc, text);
    });

    public IReadOnlyList<RowComment> Comments(long tableId, long? rowId)
    {
        using var c = OpenConnection();
        using var cmd = Command(c,
            "SELECT m.id, m.row_id, m.user_name, m.utc, m.body FROM row_comments m JOIN rows r ON r.id = m.row_id WHERE r.table_id = @t AND (@r::bigint IS NULL OR m.row_id = @r::bigint) ORDER BY m.id",
            ("t", tableId), ("r", rowId));
        using var r = cmd.ExecuteReader();
        var list = new List<RowComment>();
        while (r.Read())
        {
            list.Add(new RowComment(r.GetInt64(0), r.GetInt64(1), r.GetString(2), new DateTime(r.GetInt64(3), DateTimeKind.Utc), r.GetString(4)));
        }

        return list;
    }

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

        InsertAudit(c, new AuditEntry(nowUtc, actingUser, tableName, WorktableOperation.Publish, true,
            publishedName is null ? "withdrawn from the VO services" : $"published as {publishedName}"));
        return 0;
    });

    public IReadOnlyList<(string TableName, string PublishedName)> Publications()
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT w.name, p.name FROM published p JOIN worktables w ON w.id = p.table_id ORDER BY lower(p.name)");
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), r.GetString(1)));
        }

        return list;
    }

    public void DeleteTable(long tableId) => Write((c, tx) =>
    {
        foreach (var sql in new[]
        {
            "DELETE FROM row_flags WHERE row_id IN (SELECT id FROM rows WHERE table_id = @t)",
            "DELETE FROM row_comments WHERE row_id IN (SELECT id FROM rows WHERE table_id = @t)",
            "DELETE FROM generated_rows WHERE link_id IN (SELECT id FROM links WHERE parent_table = @t OR child_table = @t)",
            "DELETE FROM links WHERE parent_table = @t OR child_table = @t",
            "DELETE FROM runs WHERE table_id = @t",
            "DELETE FROM rows WHERE table_id = @t",
            "DELETE FROM grants WHERE table_id = @t",
            "DELETE FROM published WHERE table_id = @t",
            "DELETE FROM worktables WHERE id = @t",
        })
        {
            using var cmd = Command(c, sql, ("t", tableId));
            cmd.ExecuteNonQuery();
        }

        return 0;
    });

    public long AddLink(long parentTableId, long childTableId, string specJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, "INSERT INTO links(parent_table, child_table, spec) VALUES(@p, @c, @s) RETURNING id", ("p", parentTableId), ("c", childTableId), ("s", specJson));
        return (long)cmd.ExecuteScalar()!;
    });

    public IReadOnlyList<LinkRecord> Links()
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT id, parent_table, child_table, spec FROM links ORDER BY id");
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
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT parent_row, idx, child_row FROM generated_rows WHERE link_id = @l ORDER BY parent_row, idx", ("l", linkId));
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
        // As SQLite's: the row is inserted without its files (the link's rows name none of their own).
        var id = InsertPending(c, childTableId, [inputs with { Files = [] }], reason: null)[0];
        using var cmd = Command(c, "INSERT INTO generated_rows(link_id, parent_row, idx, child_row) VALUES(@l, @p, @x, @c)", ("l", linkId), ("p", parentRowId), ("x", index), ("c", id));
        cmd.ExecuteNonQuery();
        return id;
    });

    private static void RequireRow(NpgsqlConnection c, long tableId, long rowId)
    {
        using var cmd = Command(c, "SELECT 1 FROM rows WHERE id = @r AND table_id = @t", ("r", rowId), ("t", tableId));
        if (cmd.ExecuteScalar() is null)
        {
            throw new KeyNotFoundException($"no row {rowId} in this table.");
        }
    }

    private static void InsertAudit(NpgsqlConnection c, AuditEntry e)
    {
        using var cmd = Command(c, "INSERT INTO audit(utc, user_name, table_name, operation, allowed, detail) VALUES(@t, @u, @n, @o, @a, @d)",
            ("t", Ticks(e.Utc)), ("u", e.User), ("n", e.Table), ("o", (int)e.Operation), ("a", e.Allowed), ("d", e.Detail));
        cmd.ExecuteNonQuery();
    }
}

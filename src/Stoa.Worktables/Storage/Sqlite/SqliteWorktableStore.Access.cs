using Microsoft.Data.Sqlite;
using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore : IAccessStore
{
    public bool AddUser(string name, DateTime nowUtc) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "INSERT INTO users(name, created_utc) VALUES($n, $u) ON CONFLICT(name) DO NOTHING", ("$n", name), ("$u", Ticks(nowUtc)));
        return cmd.ExecuteNonQuery() == 1;
    });

    public IReadOnlyList<string> Users()
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT name FROM users ORDER BY name");
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    public WorktableRole? RoleOf(long tableId, string user)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT role FROM grants WHERE table_id = $t AND user_name = $u", ("$t", tableId), ("$u", user));
        return cmd.ExecuteScalar() is long role ? (WorktableRole)role : null;
    }

    public IReadOnlyDictionary<string, WorktableRole> Grants(long tableId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT user_name, role FROM grants WHERE table_id = $t ORDER BY user_name", ("$t", tableId));
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
            ? Command(c, tx, "INSERT INTO grants(table_id, user_name, role) VALUES($t, $u, $r) ON CONFLICT(table_id, user_name) DO UPDATE SET role = $r", ("$t", tableId), ("$u", user), ("$r", (int)r))
            : Command(c, tx, "DELETE FROM grants WHERE table_id = $t AND user_name = $u", ("$t", tableId), ("$u", user)))
        {
            cmd.ExecuteNonQuery();
        }

        InsertAudit(c, tx, new AuditEntry(nowUtc, actingUser, tableName, WorktableOperation.Share, true, $"{user} → {role?.ToString() ?? "no role"}"));
        return 0;
    });

    public void Audit(AuditEntry entry) => Write((c, tx) =>
    {
        InsertAudit(c, tx, entry);
        return 0;
    });

    public IReadOnlyList<AuditEntry> AuditLog(string? table)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null,
            "SELECT utc, user_name, table_name, operation, allowed, detail FROM audit WHERE $t IS NULL OR table_name = $t ORDER BY id", ("$t", table));
        using var r = cmd.ExecuteReader();
        var list = new List<AuditEntry>();
        while (r.Read())
        {
            list.Add(new AuditEntry(new DateTime(r.GetInt64(0), DateTimeKind.Utc), r.GetString(1), r.GetString(2), (WorktableOperation)r.GetInt32(3), r.GetInt32(4) != 0, r.GetString(5)));
        }

        return list;
    }

    public void AddFlag(long tableId, RowFlag flag) => Write((c, tx) =>
    {
        RequireRow(c, tx, tableId, flag.RowId);
        using var cmd = Command(c, tx, "INSERT INTO row_flags(row_id, label, is_set, user_name, utc) VALUES($r, $l, $s, $u, $t)",
            ("$r", flag.RowId), ("$l", flag.Label), ("$s", flag.IsSet ? 1 : 0), ("$u", flag.Author), ("$t", Ticks(flag.Utc)));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<RowFlag> FlagHistory(long tableId, long? rowId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null,
            "SELECT f.row_id, f.label, f.is_set, f.user_name, f.utc FROM row_flags f JOIN rows r ON r.id = f.row_id WHERE r.table_id = $t AND ($r IS NULL OR f.row_id = $r) ORDER BY f.id",
            ("$t", tableId), ("$r", rowId));
        using var r = cmd.ExecuteReader();
        var list = new List<RowFlag>();
        while (r.Read())
        {
            list.Add(new RowFlag(r.GetInt64(0), r.GetString(1), r.GetInt32(2) != 0, r.GetString(3), new DateTime(r.GetInt64(4), DateTimeKind.Utc)));
        }

        return list;
    }

    public RowComment AddComment(long tableId, long rowId, string user, DateTime nowUtc, string text) => Write((c, tx) =>
    {
        RequireRow(c, tx, tableId, rowId);
        using var cmd = Command(c, tx, "INSERT INTO row_comments(row_id, user_name, utc, body) VALUES($r, $u, $t, $b) RETURNING id",
            ("$r", rowId), ("$u", user), ("$t", Ticks(nowUtc)), ("$b", text));
        return new RowComment((long)cmd.ExecuteScalar()!, rowId, user, nowUtc, text);
    });

    public IReadOnlyList<RowComment> Comments(long tableId, long? rowId)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null,
            "SELECT m.id, m.row_id, m.user_name, m.utc, m.body FROM row_comments m JOIN rows r ON r.id = m.row_id WHERE r.table_id = $t AND ($r IS NULL OR m.row_id = $r) ORDER BY m.id",
            ("$t", tableId), ("$r", rowId));
        using var r = cmd.ExecuteReader();
        var list = new List<RowComment>();
        while (r.Read())
        {
            list.Add(new RowComment(r.GetInt64(0), r.GetInt64(1), r.GetString(2), new DateTime(r.GetInt64(3), DateTimeKind.Utc), r.GetString(4)));
        }

        return list;
    }

    public void DeleteTable(long tableId) => Write((c, tx) =>
    {
        foreach (var sql in new[]
        {
            "DELETE FROM row_flags WHERE row_id IN (SELECT id FROM rows WHERE table_id = $t)",
            "DELETE FROM row_comments WHERE row_id IN (SELECT id FROM rows WHERE table_id = $t)",
            "DELETE FROM generated_rows WHERE link_id IN (SELECT id FROM links WHERE parent_table = $t OR child_table = $t)",
            "DELETE FROM links WHERE parent_table = $t OR child_table = $t",
            "DELETE FROM runs WHERE table_id = $t",
            "DELETE FROM rows WHERE table_id = $t",
            "DELETE FROM grants WHERE table_id = $t",
            "DELETE FROM published WHERE table_id = $t",
            "DELETE FROM worktables WHERE id = $t",
        })
        {
            using var cmd = Command(c, tx, sql, ("$t", tableId));
            cmd.ExecuteNonQuery();
        }

        return 0;
    });

    private static void RequireRow(SqliteConnection c, SqliteTransaction tx, long tableId, long rowId)
    {
        using var cmd = Command(c, tx, "SELECT 1 FROM rows WHERE id = $r AND table_id = $t", ("$r", rowId), ("$t", tableId));
        if (cmd.ExecuteScalar() is null)
        {
            throw new KeyNotFoundException($"no row {rowId} in this table.");
        }
    }

    private static void InsertAudit(SqliteConnection c, SqliteTransaction tx, AuditEntry e)
    {
        using var cmd = Command(c, tx, "INSERT INTO audit(utc, user_name, table_name, operation, allowed, detail) VALUES($t, $u, $n, $o, $a, $d)",
            ("$t", Ticks(e.Utc)), ("$u", e.User), ("$n", e.Table), ("$o", (int)e.Operation), ("$a", e.Allowed ? 1 : 0), ("$d", e.Detail));
        cmd.ExecuteNonQuery();
    }
}

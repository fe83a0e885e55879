using System.Data.Common;
using System.Globalization;
using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;
using static Stoa.Worktables.Storage.StoreCommand;

namespace Stoa.Worktables.Storage;

/// <summary>
/// Users, grants, the audit log, row flags and comments, and deleting a table, for both stores: the rules and SQL
/// are the same in SQLite and PostgreSQL. Booleans are bound and read as .NET booleans (SQLite keeps them as 0/1,
/// PostgreSQL as boolean) and a nullable parameter is compared after a portable <c>CAST</c>, which PostgreSQL needs
/// to type a null. Each store calls it inside its own write transaction (or on a reader connection).
/// </summary>
internal static class AccessBookkeeping
{
    public static bool AddUser(DbConnection c, DbTransaction tx, string name, DateTime nowUtc)
    {
        using var cmd = Create(c, tx, "INSERT INTO users(name, created_utc) VALUES(@n, @u) ON CONFLICT(name) DO NOTHING", ("n", name), ("u", Ticks(nowUtc)));
        return cmd.ExecuteNonQuery() == 1;
    }

    public static IReadOnlyList<string> Users(DbConnection c)
    {
        using var cmd = Create(c, null, "SELECT name FROM users ORDER BY name");
        return ReadAll(cmd, r => r.GetString(0));
    }

    /// <summary>The role is an integer of the provider's width (SQLite's 64-bit, PostgreSQL's 32-bit).</summary>
    public static WorktableRole? RoleOf(DbConnection c, long tableId, string user)
    {
        using var cmd = Create(c, null, "SELECT role FROM grants WHERE table_id = @t AND user_name = @u", ("t", tableId), ("u", user));
        var role = cmd.ExecuteScalar();
        return role is int or long ? (WorktableRole)Convert.ToInt32(role, CultureInfo.InvariantCulture) : null;
    }

    public static IReadOnlyDictionary<string, WorktableRole> Grants(DbConnection c, long tableId)
    {
        using var cmd = Create(c, null, "SELECT user_name, role FROM grants WHERE table_id = @t ORDER BY user_name", ("t", tableId));
        using var r = cmd.ExecuteReader();
        var grants = new Dictionary<string, WorktableRole>(StringComparer.Ordinal);
        while (r.Read())
        {
            grants[r.GetString(0)] = (WorktableRole)r.GetInt32(1);
        }

        return grants;
    }

    public static void SetGrant(DbConnection c, DbTransaction tx, long tableId, string tableName, string user, WorktableRole? role, string actingUser, DateTime nowUtc)
    {
        using (var cmd = role is { } r
            ? Create(c, tx, "INSERT INTO grants(table_id, user_name, role) VALUES(@t, @u, @r) ON CONFLICT(table_id, user_name) DO UPDATE SET role = @r", ("t", tableId), ("u", user), ("r", (int)r))
            : Create(c, tx, "DELETE FROM grants WHERE table_id = @t AND user_name = @u", ("t", tableId), ("u", user)))
        {
            cmd.ExecuteNonQuery();
        }

        InsertAudit(c, tx, new AuditEntry(nowUtc, actingUser, tableName, WorktableOperation.Share, true, $"{user} → {role?.ToString() ?? "no role"}"));
    }

    public static IReadOnlyList<AuditEntry> AuditLog(DbConnection c, string? table)
    {
        using var cmd = Create(c, null,
            "SELECT utc, user_name, table_name, operation, allowed, detail FROM audit WHERE CAST(@t AS text) IS NULL OR table_name = @t ORDER BY id", ("t", table));
        return ReadAll(cmd, r => new AuditEntry(new DateTime(r.GetInt64(0), DateTimeKind.Utc), r.GetString(1), r.GetString(2), (WorktableOperation)r.GetInt32(3), r.GetBoolean(4), r.GetString(5)));
    }

    public static int AddFlag(DbConnection c, DbTransaction tx, long tableId, RowFlag flag)
    {
        RequireRow(c, tx, tableId, flag.RowId);
        using var cmd = Create(c, tx, "INSERT INTO row_flags(row_id, label, is_set, user_name, utc) VALUES(@r, @l, @s, @u, @t)",
            ("r", flag.RowId), ("l", flag.Label), ("s", flag.IsSet), ("u", flag.Author), ("t", Ticks(flag.Utc)));
        return cmd.ExecuteNonQuery();
    }

    public static IReadOnlyList<RowFlag> FlagHistory(DbConnection c, long tableId, long? rowId)
    {
        using var cmd = Create(c, null,
            "SELECT f.row_id, f.label, f.is_set, f.user_name, f.utc FROM row_flags f JOIN rows r ON r.id = f.row_id WHERE r.table_id = @t AND (CAST(@r AS bigint) IS NULL OR f.row_id = CAST(@r AS bigint)) ORDER BY f.id",
            ("t", tableId), ("r", rowId));
        return ReadAll(cmd, r => new RowFlag(r.GetInt64(0), r.GetString(1), r.GetBoolean(2), r.GetString(3), new DateTime(r.GetInt64(4), DateTimeKind.Utc)));
    }

    public static RowComment AddComment(DbConnection c, DbTransaction tx, long tableId, long rowId, string user, DateTime nowUtc, string text)
    {
        RequireRow(c, tx, tableId, rowId);
        using var cmd = Create(c, tx, "INSERT INTO row_comments(row_id, user_name, utc, body) VALUES(@r, @u, @t, @b) RETURNING id",
            ("r", rowId), ("u", user), ("t", Ticks(nowUtc)), ("b", text));
        return new RowComment((long)cmd.ExecuteScalar()!, rowId, user, nowUtc, text);
    }

    public static IReadOnlyList<RowComment> Comments(DbConnection c, long tableId, long? rowId)
    {
        using var cmd = Create(c, null,
            "SELECT m.id, m.row_id, m.user_name, m.utc, m.body FROM row_comments m JOIN rows r ON r.id = m.row_id WHERE r.table_id = @t AND (CAST(@r AS bigint) IS NULL OR m.row_id = CAST(@r AS bigint)) ORDER BY m.id",
            ("t", tableId), ("r", rowId));
        return ReadAll(cmd, r => new RowComment(r.GetInt64(0), r.GetInt64(1), r.GetString(2), new DateTime(r.GetInt64(3), DateTimeKind.Utc), r.GetString(4)));
    }

    /// <summary>A table and everything that hangs off it, children first (foreign keys).</summary>
    public static void DeleteTable(DbConnection c, DbTransaction tx, long tableId)
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
            using var cmd = Create(c, tx, sql, ("t", tableId));
            cmd.ExecuteNonQuery();
        }
    }

    public static void InsertAudit(DbConnection c, DbTransaction tx, AuditEntry e)
    {
        using var cmd = Create(c, tx, "INSERT INTO audit(utc, user_name, table_name, operation, allowed, detail) VALUES(@t, @u, @n, @o, @a, @d)",
            ("t", Ticks(e.Utc)), ("u", e.User), ("n", e.Table), ("o", (int)e.Operation), ("a", e.Allowed), ("d", e.Detail));
        cmd.ExecuteNonQuery();
    }

    private static void RequireRow(DbConnection c, DbTransaction tx, long tableId, long rowId)
    {
        using var cmd = Create(c, tx, "SELECT 1 FROM rows WHERE id = @r AND table_id = @t", ("r", rowId), ("t", tableId));
        if (cmd.ExecuteScalar() is null)
        {
            throw new KeyNotFoundException($"no row {rowId} in this table.");
        }
    }
}

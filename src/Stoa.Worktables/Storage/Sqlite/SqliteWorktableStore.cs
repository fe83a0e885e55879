using Microsoft.Data.Sqlite;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file per project in WAL mode. One long-lived connection does every write under
/// a lock (SQLite has one writer anyway, and this keeps SQLITE_BUSY out of the picture); reads use pooled
/// connections and see committed data only. <c>synchronous=NORMAL</c> with WAL survives a killed process (the
/// crash test kills one); only an OS crash or power loss can lose the last transactions, never corrupt the file.
/// </summary>
internal sealed partial class SqliteWorktableStore : IWorktableStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _gate = new();

    public SqliteWorktableStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        DatabaseFileMode.Secure(Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        try
        {
            _writer.Open();
            Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;");
            SchemaMigrations.Apply(_writer, Path);
        }
        catch (SqliteException e)
        {
            _writer.Dispose();
            throw new WorktableException($"{Path}: not a usable Stoa project database ({e.Message}).", e);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }

        // Pooled reader connections would keep the file (and its WAL) open after the project is closed.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private SqliteConnection OpenReader()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE) and commits it.</summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using var tx = _writer.BeginTransaction(deferred: false);
            var result = work(_writer, tx);
            tx.Commit();
            return result;
        }
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static SqliteCommand Prepared(SqliteCommand cmd)
    {
        cmd.Prepare();
        return cmd;
    }

    /// <summary>
    /// The id of the row the connection's last INSERT made. Reading it from SQLite costs nothing, where
    /// <c>RETURNING</c> opens a data reader per row, which dominated a bulk insert.
    /// </summary>
    private static long LastInsertId(SqliteConnection c) => SQLitePCL.raw.sqlite3_last_insert_rowid(c.Handle);

    private static long Ticks(DateTime utc) => utc.ToUniversalTime().Ticks;

    private static DateTime? FromTicks(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : new DateTime(r.GetInt64(i), DateTimeKind.Utc);

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555;
}

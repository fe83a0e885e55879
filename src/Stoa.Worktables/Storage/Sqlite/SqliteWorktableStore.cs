using System.Data.Common;
using Microsoft.Data.Sqlite;
using Stoa.Worktables.Errors;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file per project in WAL mode, open in any number of processes at once. In each
/// process one long-lived connection does every write under a lock, in BEGIN IMMEDIATE transactions; a writer of
/// another process waits for the file's write lock (busy timeout, <see cref="BusyTimeoutSeconds"/>) instead of
/// failing. Reads use pooled connections and see committed data only, never blocked by a writer (WAL).
/// <c>synchronous=NORMAL</c> with WAL survives a killed process (the crash test kills one); only an OS crash or
/// power loss can lose the last transactions, never corrupt the file.
/// </summary>
internal sealed partial class SqliteWorktableStore : AdoNetWorktableStore, IWorktableStore, IAccessStore, ILinkStore
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
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        _writer = new SqliteConnection(_connectionString);
        try
        {
            _writer.Open();
            Execute(_writer, BusyTimeoutPragma);
            Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;");
            SchemaMigrations.Apply(_writer, Path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            _writer.Dispose();
            throw new ProjectInUseException($"{Path}: another process held the project's write lock for {BusyTimeoutSeconds} s; try again.", e);
        }
        catch (SqliteException e)
        {
            _writer.Dispose();
            throw new WorktableException($"{Path}: not a usable Stoa project database ({e.Message}).", e);
        }
    }

    /// <summary>How long a statement waits for another process's write lock before it fails, in seconds.</summary>
    internal const int BusyTimeoutSeconds = 30;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private static readonly string BusyTimeoutPragma = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};";

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

    public IChangeFeed OpenChangeFeed() => new SqliteChangeFeed(_connectionString);

    private SqliteConnection OpenReader()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Execute(c, BusyTimeoutPragma);
        return c;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE) and commits it.</summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            try
            {
                using var tx = _writer.BeginTransaction(deferred: false);
                var result = work(_writer, tx);
                tx.Commit();
                return result;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
            {
                throw new ProjectInUseException($"{Path}: another process held the project's write lock for {BusyTimeoutSeconds} s; nothing was changed.", e);
            }
        }
    }

    protected override T InWriteTransaction<T>(Func<DbConnection, DbTransaction, T> work) => Write(work);

    protected override DbConnection OpenReadConnection() => OpenReader();

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

    private static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555;
}

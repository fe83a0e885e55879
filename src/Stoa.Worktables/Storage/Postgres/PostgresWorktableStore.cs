using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using Stoa.Worktables.Errors;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Postgres;

/// <summary>
/// The shared store: one PostgreSQL database per project, open in any number of processes on any number of
/// machines. Every method is one transaction on a pooled connection. Writers take one transaction-scoped advisory
/// lock of the database first, so writes are serialized exactly as SQLite's write lock serializes them (the same
/// semantics, the same tests) and a writer of another process waits for it rather than failing; readers never wait
/// (MVCC). <see cref="ClaimRows"/> also locks the rows it claims with <c>FOR UPDATE SKIP LOCKED</c>, so two
/// recomputes' claims stay disjoint on their own.
/// </summary>
internal sealed partial class PostgresWorktableStore : AdoNetWorktableStore, IWorktableStore, IAccessStore, ILinkStore
{
    /// <summary>The advisory lock key of the project's writers ("stoa" in ASCII); advisory locks are per database.</summary>
    private const long WriteLockKey = 0x73746F61;

    private readonly NpgsqlDataSource _source;

    private PostgresWorktableStore(PostgresLocation location, NpgsqlDataSource source)
    {
        Location = location;
        _source = source;
    }

    public PostgresLocation Location { get; }

    /// <summary>The location without password.</summary>
    public string Path => Location.Display;

    /// <summary>The directory of the project's output, work, workflow and log folders, as recorded at creation.</summary>
    public string FilesDirectory { get; private set; } = "";

    /// <summary>
    /// Opens the project in the database, creating its schema when <paramref name="create"/> (and the database when
    /// it does not exist), recording <paramref name="filesDirectory"/> as the project's files directory then.
    /// </summary>
    /// <exception cref="ProjectInUseException">The server cannot be reached.</exception>
    /// <exception cref="WorktableException">No project there (and not <paramref name="create"/>), a newer schema, or the server refused.</exception>
    public static PostgresWorktableStore Open(PostgresLocation location, bool create, Func<string> filesDirectory)
    {
        var builder = new NpgsqlConnectionStringBuilder(location.Builder.ConnectionString)
        {
            // Writers wait for each other, however long a bulk write takes: a statement never times out.
            CommandTimeout = 0,
            ApplicationName = location.Builder.ApplicationName ?? "stoa",

            // The store's statements are few and repeated on every pooled connection: prepared once per connection
            // (kept across pool returns, no DISCARD ALL: the store sets no session state but the feed's LISTEN,
            // which the feed ends itself), not parsed again for every row.
            MaxAutoPrepare = 64,
            NoResetOnClose = true,
        };
        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        var store = new PostgresWorktableStore(location, source);
        try
        {
            store.OpenSchema(create, filesDirectory);
            return store;
        }
        catch (WorktableException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName })
        {
            store.Dispose();
            if (!create)
            {
                throw new WorktableException($"no project at {location.Display} (no such database).", e);
            }

            CreateDatabase(location);
            return Open(location, create, filesDirectory);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void OpenSchema(bool create, Func<string> filesDirectory)
    {
        // Run inside Write: the lock makes two processes creating one project apply the schema once.
        FilesDirectory = Write((c, tx) =>
        {
            var version = PostgresSchema.Version(c);
            if (version == 0 && !create)
            {
                throw new WorktableException($"no project at {Path}.");
            }

            PostgresSchema.Apply(c, Path);
            using var cmd = Command(c, "INSERT INTO project_settings(key, value) VALUES('files_directory', @v) ON CONFLICT(key) DO NOTHING", ("v", version == 0 ? filesDirectory() : ""));
            if (version == 0)
            {
                cmd.ExecuteNonQuery();
            }

            using var read = Command(c, "SELECT value FROM project_settings WHERE key = 'files_directory'");
            return (string)read.ExecuteScalar()!;
        });
    }

    /// <summary>Creates the location's database from the server's maintenance database (<c>postgres</c>).</summary>
    private static void CreateDatabase(PostgresLocation location)
    {
        var builder = new NpgsqlConnectionStringBuilder(location.Builder.ConnectionString) { Database = "postgres", Pooling = false };
        using var c = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{location.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", c);
            cmd.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it a moment ago.
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw Failure(location.Display, e);
        }
    }

    public void Dispose() => _source.Dispose();

    public IChangeFeed OpenChangeFeed() => new PostgresChangeFeed(OpenConnection());

    /// <summary>A pooled connection, open; a server that cannot be reached is a one-line error without password.</summary>
    internal NpgsqlConnection OpenConnection()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw Failure(Path, e);
        }
    }

    /// <summary>Why the server could not be used, in one line: unreachable (exit 3 in the CLI) or refused.</summary>
    private static WorktableException Failure(string display, Exception e) => e switch
    {
        PostgresException pg => new WorktableException($"{display}: the PostgreSQL server refused: {pg.MessageText} ({pg.SqlState}).", e),
        _ => new ProjectInUseException($"{display}: store cannot be reached ({Innermost(e).Message.Split('\n')[0].TrimEnd('.')}).", e),
    };

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <summary>Runs <paramref name="work"/> in one transaction holding the project's write lock, and commits it.</summary>
    private T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> work)
    {
        using var c = OpenConnection();
        using var tx = c.BeginTransaction();
        using (var lockCmd = Command(c, "SELECT pg_advisory_xact_lock(@k)", ("k", WriteLockKey)))
        {
            lockCmd.ExecuteNonQuery();
        }

        var result = work(c, tx);
        try
        {
            tx.Commit();
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw Failure(Path, e);
        }

        return result;
    }

    protected override T InWriteTransaction<T>(Func<DbConnection, DbTransaction, T> work) => Write(work);

    protected override DbConnection OpenReadConnection() => OpenConnection();

    private static NpgsqlCommand Command(NpgsqlConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, c);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.Add(value is null ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value } : new NpgsqlParameter(name, value));
        }

        return cmd;
    }

    private static long Ticks(DateTime utc) => utc.ToUniversalTime().Ticks;

    private static bool IsUniqueViolation(PostgresException e) => e.SqlState == PostgresErrorCodes.UniqueViolation;
}

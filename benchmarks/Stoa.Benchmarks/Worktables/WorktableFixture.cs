using Microsoft.Data.Sqlite;
using Npgsql;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// Builds benchmark projects: a table of x:int, label:string → doubled:long with N rows, on one of the stores
/// (<see cref="Stores"/>): SQLite always, PostgreSQL when <c>STOA_BENCH_POSTGRES</c> holds a server URI
/// (<c>postgresql://user@host:port/db</c>, a user who may create databases): each project is a new database
/// <c>stoa_bench_GUID</c> on that server, dropped by <see cref="Delete(string, string)"/>.
/// </summary>
internal static class WorktableFixture
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static WorkflowDefinition Workflow { get; } = WorkflowDefinition.FromColumns("bench",
        [ColumnDefinition.Input("x", ColumnType.Int), ColumnDefinition.Input("label", ColumnType.String)],
        [ColumnDefinition.Output("doubled", ColumnType.Long)], "bench v1");

    /// <summary>The PostgreSQL server of the benchmarks, or null: then they run on SQLite only.</summary>
    public static string? PostgresUri => Environment.GetEnvironmentVariable("STOA_BENCH_POSTGRES") is { Length: > 0 } uri ? uri : null;

    /// <summary>The stores to measure, for a <c>[ParamsSource]</c>.</summary>
    public static IEnumerable<string> Stores() => PostgresUri is null ? [Sqlite] : [Sqlite, Postgres];

    public static string NewPath() => Path.Combine(Directory.CreateTempSubdirectory("stoa-wt-bench-").FullName, "bench.stoa");

    /// <summary>A new, empty project location on <paramref name="store"/>: a file path, or the URI of a new database.</summary>
    public static string NewLocation(string store)
    {
        if (store != Postgres)
        {
            return NewPath();
        }

        var name = $"stoa_bench_{Guid.NewGuid():N}";
        ExecuteOnServer($"CREATE DATABASE {name}");
        return new UriBuilder(PostgresUri!) { Path = "/" + name }.Uri.ToString();
    }

    /// <summary>The benchmarks' table: each project is new, so one name serves every store.</summary>
    public static string NewTableName(string store) => "t";

    public static WorktableProject Open(string store, string location) => WorktableProject.Open(location);

    /// <summary>A new project on <paramref name="store"/> with one table of <paramref name="rows"/> rows, all Succeeded (<see cref="SeedAsComputed(string, string, string)"/>), open.</summary>
    public static (string Location, WorktableProject Project, Worktable Table) ComputedTable(string store, int rows)
    {
        var location = NewLocation(store);
        var name = NewTableName(store);
        using (var p = Open(store, location))
        {
            p.CreateTable(name, Workflow).AddRows(Rows(rows));
        }

        SeedAsComputed(store, location, "{\"doubled\":0}");
        var project = Open(store, location);
        return (location, project, project.OpenTable(name));
    }

    public static IEnumerable<IReadOnlyDictionary<string, object?>> Rows(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i, ["label"] = "obs-" + i });

    /// <summary>
    /// Marks every row of the project Succeeded as if each had run once. Running a million in-process rows just
    /// to reach that state would dominate the setup; the state reached is the same one a recompute leaves.
    /// </summary>
    public static void SeedAsComputed(string store, string location, string outputsJson)
    {
        // The same statement on both stores (the PostgreSQL schema keeps SQLite's columns and codes); no library
        // call reaches this state without running or importing every row, which would add run records.
        const string Seed = "UPDATE rows SET status = 3, outputs = {0}, output_hash = input_hash, result_input_hash = input_hash, " +
                            "result_workflow_hash = (SELECT workflow_hash FROM worktables WHERE id = rows.table_id)";
        if (store == Postgres)
        {
            using var pg = new NpgsqlConnection(ConnectionString(location));
            pg.Open();
            using var update = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Seed, "$1"), pg) { CommandTimeout = 0 };
            update.Parameters.Add(new NpgsqlParameter { Value = outputsJson });
            update.ExecuteNonQuery();
            // The update leaves a dead version of every row, and of its entry in the needs-run index, until
            // autovacuum passes; vacuum now, so a benchmark starts from the settled table it would find later.
            using var vacuum = new NpgsqlCommand("VACUUM ANALYZE rows", pg) { CommandTimeout = 0 };
            vacuum.ExecuteNonQuery();
            return;
        }

        using var c = new SqliteConnection($"Data Source={location};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, Seed, "$o");
        cmd.Parameters.AddWithValue("$o", outputsJson);
        cmd.ExecuteNonQuery();
    }

    /// <summary>As <see cref="SeedAsComputed(string, string, string)"/> for a SQLite project file.</summary>
    public static void SeedAsComputed(string path, string outputsJson = "{\"doubled\":0}") => SeedAsComputed(Sqlite, path, outputsJson);

    /// <summary>Deletes a SQLite project's directory, or drops a PostgreSQL project's database (ending its sessions).</summary>
    public static void Delete(string store, string location)
    {
        if (store == Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            ExecuteOnServer($"DROP DATABASE IF EXISTS {new Uri(location).AbsolutePath.Trim('/')} WITH (FORCE)");
        }
        else
        {
            Delete(location);
        }
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private static void ExecuteOnServer(string sql)
    {
        using var c = new NpgsqlConnection(ConnectionString(PostgresUri!));
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>An Npgsql connection string for a <c>postgresql://user[:password]@host[:port]/database</c> URI (Npgsql reads no URIs).</summary>
    private static string ConnectionString(string uri)
    {
        var u = new Uri(uri);
        var user = u.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.Port > 0 ? u.Port : NpgsqlConnection.DefaultPort,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = Uri.UnescapeDataString(u.AbsolutePath.Trim('/')),
            Pooling = false,
        }.ConnectionString;
    }
}

using Microsoft.Data.Sqlite;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// Builds benchmark projects: a table of x:int, label:string → doubled:long with N rows, on one of the stores
/// (<see cref="Stores"/>): SQLite always, PostgreSQL when <c>STOA_BENCH_POSTGRES</c> holds a server URI
/// (<c>postgresql://user@host:port/db</c>, a throwaway database: each iteration adds a table of its own there
/// and leaves it).
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

    /// <summary>A new, empty project location on <paramref name="store"/>: a file path, or the PostgreSQL URI.</summary>
    public static string NewLocation(string store) => store == Postgres ? PostgresUri! : NewPath();

    /// <summary>A table name new to the location: PostgreSQL projects are shared by every iteration.</summary>
    public static string NewTableName(string store) => store == Postgres ? $"bench_{Guid.NewGuid():N}" : "t";

    /// <summary>Opens the project at <paramref name="location"/>; a PostgreSQL URI needs a build with the PostgreSQL store (branch pg).</summary>
    public static WorktableProject Open(string store, string location)
    {
        if (store == Postgres && !typeof(WorktableProject).Assembly.GetTypes().Any(t => t.Namespace == "Stoa.Worktables.Storage.Postgres"))
        {
            // Without the PostgreSQL store the URI would be taken for a file name.
            throw new NotSupportedException("this build of Stoa.Worktables has no PostgreSQL store; unset STOA_BENCH_POSTGRES.");
        }

        return WorktableProject.Open(location);
    }

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
        if (store != Sqlite)
        {
            throw new NotSupportedException("seeding computed rows is written for SQLite only so far.");
        }

        using var c = new SqliteConnection($"Data Source={location};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE rows SET status = 3, outputs = $o, output_hash = input_hash, result_input_hash = input_hash, " +
                          "result_workflow_hash = (SELECT workflow_hash FROM worktables WHERE id = rows.table_id)";
        cmd.Parameters.AddWithValue("$o", outputsJson);
        cmd.ExecuteNonQuery();
    }

    /// <summary>As <see cref="SeedAsComputed(string, string, string)"/> for a SQLite project file.</summary>
    public static void SeedAsComputed(string path, string outputsJson = "{\"doubled\":0}") => SeedAsComputed(Sqlite, path, outputsJson);

    /// <summary>Deletes a SQLite project's directory; a PostgreSQL project is left (its tables have names of their own).</summary>
    public static void Delete(string store, string location)
    {
        if (store == Sqlite)
        {
            Delete(location);
        }
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}

using FsCheck.Xunit;
using Npgsql;
using Xunit.Sdk;

namespace Stoa.Worktables.Tests.Fixtures;

/// <summary>Which store a test's project lives in.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A fresh database in the PostgreSQL server named by <c>STOA_TEST_POSTGRES</c>.</summary>
    Postgres,
}

/// <summary>
/// The PostgreSQL server of the store tests: <c>STOA_TEST_POSTGRES</c> (a <c>postgresql://</c> URI of a user who may
/// create databases, e.g. <c>postgresql://stoa@127.0.0.1:55432/postgres</c>). Absent, its tests are skipped with
/// a reason, except under CI (<c>CI=true</c>), where they run and fail.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "STOA_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v : null;

    /// <summary>Why a PostgreSQL test is skipped here, or null when it runs (the server is named, or this is CI).</summary>
    public static string? SkipReason =>
        Server is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? $"{Variable} is not set (e.g. postgresql://stoa@127.0.0.1:55432/postgres; eng/services/postgres/up.sh starts one)"
            : null;

    /// <summary>Creates an empty database; returns its URI.</summary>
    public static string CreateDatabase()
    {
        var server = Server ?? throw new InvalidOperationException($"{Variable} is not set: the PostgreSQL store tests need a server (CI=true).");
        var name = $"stoa_t_{Guid.NewGuid():N}";
        using (var c = Maintenance(server))
        using (var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c))
        {
            cmd.ExecuteNonQuery();
        }

        return new UriBuilder(server) { Path = "/" + name }.Uri.ToString();
    }

    public static void DropDatabase(string uri)
    {
        var name = new Uri(uri).AbsolutePath.Trim('/');
        using var c = Maintenance(Server!);
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }

    private static NpgsqlConnection Maintenance(string server)
    {
        var location = Stoa.Worktables.Storage.Postgres.PostgresLocation.Parse(server);
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location.Builder.ConnectionString) { Pooling = false }.ConnectionString);
        c.Open();
        return c;
    }
}

/// <summary>The PostgreSQL case of a store theory: <c>[InlineData(StoreKind.Sqlite)] [PostgresData]</c>; skipped when no server is named (not under CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute() => Skip = TestPostgres.SkipReason;

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[StoreKind.Postgres]];
}

/// <summary>A fact on the PostgreSQL store; skipped when no server is named (not under CI).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestPostgres.SkipReason;
}

/// <summary>An FsCheck property on the PostgreSQL store; skipped when no server is named (not under CI).</summary>
public sealed class PostgresPropertyAttribute : PropertyAttribute
{
    public PostgresPropertyAttribute() => Skip = TestPostgres.SkipReason;
}

using Npgsql;

namespace Stoa.Tests.Shared;

/// <summary>
/// The PostgreSQL server of the tests: <c>STOA_TEST_POSTGRES</c>, a <c>postgresql://</c> URI of a user who may create
/// databases (e.g. <c>postgresql://stoa@127.0.0.1:55432/postgres</c>; test.sh starts one with
/// eng/services/postgres/up.sh). Absent, its tests are skipped with a reason, except under CI (<c>CI=true</c>),
/// where they run and fail. Linked into each test project that needs it, written once.
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

    /// <summary>Creates an empty database <c>stoa_t_GUID</c>; returns its URI (drop it with <see cref="DropDatabase"/>).</summary>
    public static string CreateDatabase()
    {
        var server = Server ?? throw new InvalidOperationException($"{Variable} is not set: the PostgreSQL tests need a server (CI=true).");
        var name = $"stoa_t_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE {name}");
        return new UriBuilder(server) { Path = "/" + name }.Uri.ToString();
    }

    /// <summary>Drops the database of <paramref name="uri"/>, ending the sessions still on it.</summary>
    public static void DropDatabase(string uri) => Execute(Server!, $"DROP DATABASE IF EXISTS {new Uri(uri).AbsolutePath.Trim('/')} WITH (FORCE)");

    /// <summary>An Npgsql connection string for the database of a <c>postgresql://</c> URI (Npgsql reads no URIs).</summary>
    public static string ConnectionString(string uri)
    {
        var u = new Uri(uri);
        var colon = u.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.Port > 0 ? u.Port : NpgsqlConnection.DefaultPort,
            Username = Uri.UnescapeDataString(colon < 0 ? u.UserInfo : u.UserInfo[..colon]),
            Database = Uri.UnescapeDataString(u.AbsolutePath.Trim('/')),
            Pooling = false,
        };
        if (colon >= 0)
        {
            builder.Password = Uri.UnescapeDataString(u.UserInfo[(colon + 1)..]);
        }

        return builder.ConnectionString;
    }

    private static void Execute(string uri, string sql)
    {
        using var c = new NpgsqlConnection(ConnectionString(uri));
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}

/// <summary>A fact that needs the PostgreSQL server of <see cref="TestPostgres"/>; skipped when none is named (not under CI).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestPostgres.SkipReason;
}

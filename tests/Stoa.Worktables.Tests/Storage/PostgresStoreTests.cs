using Npgsql;
using Stoa.Tests.Shared;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage.Postgres;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Storage;

/// <summary>What only a project in PostgreSQL has: its location, its recorded files directory, its errors.</summary>
public sealed class PostgresStoreTests
{
    [PostgresFact]
    public void The_files_directory_is_recorded_at_creation_and_used_by_every_later_open()
    {
        using var s = new ScratchProject(StoreKind.Postgres);
        var files = Path.Combine(s.Directory, "files");
        Assert.Equal(files, s.Project.FilesDirectory);
        Assert.Equal(Path.Combine(files, "outputs"), s.Project.OutputDirectory);
        Assert.Equal(Path.Combine(files, "bundles"), s.Project.BundleDirectory);
        Assert.True(s.Project.IsShared);
        s.Project.Dispose();

        using var other = WorktableProject.Open(s.Path, new WorktableProjectOptions { FilesDirectory = Path.Combine(s.Directory, "elsewhere") });
        Assert.Equal(files, other.FilesDirectory);
    }

    [PostgresFact]
    public async Task A_connection_string_opens_the_same_project_with_the_same_files_directory()
    {
        using var s = new ScratchProject(StoreKind.Postgres);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 21 });
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());

        var uri = new Uri(s.Path);
        var connectionString = $"Host={uri.Host};Port={uri.Port};Username={uri.UserInfo.Split(':')[0]};Database={uri.AbsolutePath.Trim('/')}";
        using var same = WorktableProject.OpenExisting(connectionString);
        Assert.Equal(s.Project.Path, same.Path);
        Assert.Equal(s.Project.FilesDirectory, same.FilesDirectory);
        Assert.Equal(42L, (long)same.OpenTable("t").GetRow(id)["doubled"]!);
    }

    [PostgresFact]
    public void The_password_is_never_shown()
    {
        using var s = new ScratchProject(StoreKind.Postgres);
        var uri = new UriBuilder(s.Path) { Password = "s3cret-pw" }.Uri.ToString();
        using (var p = WorktableProject.Open(uri))
        {
            Assert.DoesNotContain("s3cret-pw", p.Path, StringComparison.Ordinal);
            Assert.StartsWith("postgresql://", p.Path, StringComparison.Ordinal);
            var e = Assert.Throws<WorktableException>(() => p.OpenTable("none"));
            Assert.DoesNotContain("s3cret-pw", e.Message, StringComparison.Ordinal);
        }

        var unreachable = new UriBuilder(uri) { Port = 1 }.Uri.ToString();
        var down = Assert.Throws<ProjectInUseException>(() => WorktableProject.OpenExisting(unreachable));
        Assert.Contains("store cannot be reached", down.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", down.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', down.Message);

        var bad = Assert.Throws<WorktableException>(() => WorktableProject.Open("Host=127.0.0.1;Password=s3cret-pw;Bogus Key=1"));
        Assert.DoesNotContain("s3cret-pw", bad.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void An_empty_database_is_no_project_for_OpenExisting()
    {
        var uri = TestPostgres.CreateDatabase();
        try
        {
            var e = Assert.Throws<WorktableException>(() => WorktableProject.OpenExisting(uri));
            Assert.Equal($"no project at {PostgresLocation.Parse(uri).Display}.", e.Message);
            using var c = new NpgsqlConnection(PostgresLocation.Parse(uri).Builder.ConnectionString);
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", c);
            Assert.Equal(0L, (long)cmd.ExecuteScalar()!);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestPostgres.DropDatabase(uri);
        }
    }

    [PostgresFact]
    public void A_project_from_a_newer_version_is_refused_with_its_location()
    {
        using var s = new ScratchProject(StoreKind.Postgres);
        s.Project.Dispose();
        using (var c = new NpgsqlConnection(PostgresLocation.Parse(s.Path).Builder.ConnectionString))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("UPDATE stoa_schema SET version = 999", c);
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<WorktableException>(() => WorktableProject.Open(s.Path));
        Assert.Contains(PostgresLocation.Parse(s.Path).Display, e.Message, StringComparison.Ordinal);
        Assert.Contains("999", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void A_bulk_insert_of_many_rows_returns_their_ids_in_order()
    {
        using var s = new ScratchProject(StoreKind.Postgres);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        var ids = t.AddRows([.. Enumerable.Range(0, 5000).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        Assert.Equal(5000, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(1234L, (long)t.GetRow(ids[1234])["x"]!);
        Assert.Equal(ids[4999], t.FindByKey(4999)!.RowId);
        Assert.Equal(5000, t.Rows().Count(r => r.Status == RowStatus.Pending));
    }
}

using Microsoft.Data.Sqlite;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Storage.Sqlite;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Storage;

public sealed class SqliteStoreTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task Tables_rows_outputs_and_history_survive_reopening(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        t.SetColumnMetadata("doubled", "Jy", "phot.flux.density");
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 5, ["label"] = "five" });
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        var before = t.GetRow(id);

        var p = s.Reopen();
        Assert.Equal(["t"], p.TableNames);
        var t2 = p.OpenTable("t");
        var after = t2.GetRow(id);
        Assert.Equal(RowStatus.Succeeded, after.Status);
        Assert.Equal(10L, (long)after["doubled"]!);
        Assert.Equal("five", (string)after["label"]!);
        Assert.Equal(before.InputHash, after.InputHash);
        Assert.Equal(before.OutputHash, after.OutputHash);
        Assert.Equal(before.RunId, after.RunId);
        Assert.Equal(["x"], t2.KeyColumns);
        Assert.Equal("Jy", t2.Columns.Single(c => c.Name == "doubled").Unit);
        Assert.Equal("phot.flux.density", t2.Columns.Single(c => c.Name == "doubled").Ucd);
        Assert.Equal(id, t2.FindByKey(5)!.RowId);
        Assert.Null(t2.FindByKey(6));
        var runs = p.Store.Runs(t2.TableId, id);
        Assert.Single(runs);
        Assert.Equal(RunState.Succeeded, runs[0].State);
        Assert.Equal(before.RunId, runs[0].RunId);
    }

    [Fact]
    public void The_file_is_in_WAL_mode_at_the_latest_schema_version()
    {
        using var s = new ScratchProject();
        s.Project.Dispose();
        using var c = new SqliteConnection($"Data Source={s.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
        Assert.Equal(SchemaMigrations.Latest, SchemaMigrations.UserVersion(c));
        Assert.True(SchemaMigrations.Latest >= 1);
    }

    [Fact]
    public void A_project_from_a_newer_version_is_refused_with_its_path()
    {
        using var s = new ScratchProject();
        s.Project.Dispose();
        using (var c = new SqliteConnection($"Data Source={s.Path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 999";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<WorktableException>(() => WorktableProject.Open(s.Path));
        Assert.Contains(s.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("999", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("stoa-wt-").FullName;
        var path = Path.Combine(dir, "junk.stoa");
        File.WriteAllText(path, new string('x', 5000));
        var e = Assert.Throws<WorktableException>(() => WorktableProject.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public void A_project_open_elsewhere_can_be_opened_and_written_again(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        using var other = WorktableProject.Open(s.Path);
        var id = other.OpenTable("t").AddRow(new Dictionary<string, object?> { ["x"] = 4 });
        Assert.Equal(RowStatus.Pending, t.GetRow(id).Status);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public void Creating_a_table_twice_is_an_error(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        s.Project.CreateTable("t", ScratchProject.Doubler());
        Assert.Throws<WorktableException>(() => s.Project.CreateTable("t", ScratchProject.Doubler()));
        Assert.Throws<WorktableException>(() => s.Project.OpenTable("nope"));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public void Recovery_puts_running_and_queued_rows_of_an_expired_lease_back_to_Pending_and_closes_their_runs(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = t.AddRows([.. Enumerable.Range(1, 3).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        var store = s.Project.Store;
        var until = DateTime.UtcNow.AddMinutes(1);
        var batch = store.NewBatchId("test", until);
        Assert.Equal(ids, store.ClaimRows(t.TableId, batch, true, 0, 10, DateTime.UtcNow));
        var ticket = store.TryStart(t.TableId, ids[0], batch, "run-a", DateTime.UtcNow);
        Assert.NotNull(ticket);
        Assert.Null(store.TryStart(t.TableId, ids[0], batch, "run-b", DateTime.UtcNow));

        // While the lease holds, recovery (another process opening the project) leaves the rows alone.
        Assert.Equal(new RecoveryCounts(0, 0), store.RecoverInterrupted(DateTime.UtcNow));
        Assert.Equal(RowStatus.Running, t.GetRow(ids[0]).Status);

        var counts = store.RecoverInterrupted(until.AddSeconds(1));
        Assert.Equal(3, counts.RowsReset);
        Assert.Equal(1, counts.RunsInterrupted);
        var row = t.GetRow(ids[0]);
        Assert.Equal(RowStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("interrupted", row.Error, StringComparison.Ordinal);
        Assert.Equal(RunState.Interrupted, store.Runs(t.TableId, ids[0]).Single().State);

        // A late result of the interrupted run is not written.
        Assert.Equal(RunState.Superseded, store.Finish(ticket!, new RunResult(true, "{}", "h", null, null), DateTime.UtcNow));
        Assert.Equal(RowStatus.Pending, t.GetRow(ids[0]).Status);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public void Deleting_a_row_deletes_its_history(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var store = s.Project.Store;
        var batch = store.NewBatchId("test", DateTime.UtcNow.AddMinutes(1));
        store.ClaimRows(t.TableId, batch, true, 0, 10, DateTime.UtcNow);
        var ticket = store.TryStart(t.TableId, id, batch, "run", DateTime.UtcNow)!;
        store.Finish(ticket, new RunResult(false, null, null, "boom", null), DateTime.UtcNow);
        Assert.Single(store.Runs(t.TableId, id));
        Assert.True(t.Delete(id));
        Assert.Empty(store.Runs(t.TableId, id));
        Assert.False(t.Delete(id));
    }
}

using System.Collections.Concurrent;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Execution;

/// <summary>
/// Recomputes of one table from two project handles on one file: each handle has its own connections, exactly as
/// two processes do (SQLite's locking is per connection), so these run fast and deterministic; the kill tests
/// (<see cref="Crash.CrashSafetyTests"/>) do the same with real processes.
/// </summary>
public sealed class SharedRecomputeTests
{
    private static IReadOnlyDictionary<string, object?>[] Rows(int n) =>
        [.. Enumerable.Range(1, n).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })];

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task Two_recomputes_of_one_table_split_the_rows_and_never_run_one_twice(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var ids = s.Project.CreateTable("t", ScratchProject.Doubler()).AddRows(Rows(40));
        using var other = WorktableProject.Open(s.Path);
        var ran = new ConcurrentQueue<(char By, long Row)>();
        var secondRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first recompute holds its first row until the second has run one: both must get rows.
        var first = s.Project.OpenTable("t").RecomputeAsync(Executor('a', async () => await secondRan.Task.WaitAsync(TimeSpan.FromMinutes(2))), new RecomputeOptions { MaxParallelism = 2 });
        var second = other.OpenTable("t").RecomputeAsync(Executor('b', () => { secondRan.TrySetResult(); return Task.CompletedTask; }), new RecomputeOptions { MaxParallelism = 2 });
        var results = await Task.WhenAll(first, second);

        Assert.Equal(ids.Count, ran.Count);
        Assert.Equal(ids.Order(), ran.Select(r => r.Row).Order());
        Assert.Contains(ran, r => r.By == 'a');
        Assert.Contains(ran, r => r.By == 'b');
        Assert.Equal(ids.Count, results.Sum(r => r.Planned));
        Assert.Equal(ids.Count, results.Sum(r => r.Succeeded));
        var t = s.Project.OpenTable("t");
        Assert.All(t.Rows(), r => Assert.Equal((RowStatus.Succeeded, 1), (r.Status, r.Attempts)));

        InProcessExecutor Executor(char by, Func<Task> before) => new(async (e, ct) =>
        {
            await before();
            ran.Enqueue((by, e.RowId));
            return new Dictionary<string, object?> { ["doubled"] = 2L * (long)e.Inputs["x"]!, ["text"] = by.ToString() };
        });
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task Rows_of_a_dead_holder_wait_for_its_lease_then_the_next_recompute_runs_them(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = t.AddRows(Rows(3));

        // A holder that claims two rows, starts one, and dies (never renews, never finishes).
        using (var dead = WorktableProject.Open(s.Path))
        {
            var store = dead.Store;
            var batch = store.NewBatchId("dead:1", DateTime.UtcNow.AddSeconds(2));
            Assert.Equal(ids, store.ClaimRows(t.TableId, batch, true, 0, 3, DateTime.UtcNow));
            Assert.NotNull(store.TryStart(t.TableId, ids[0], batch, "dead-run", DateTime.UtcNow));
        }

        // While its lease lasts, nothing of it is taken: the holder could be alive.
        var during = await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        Assert.Equal(0, during.Planned);
        Assert.Equal(RowStatus.Running, t.GetRow(ids[0]).Status);
        Assert.Equal(RowStatus.Queued, t.GetRow(ids[1]).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var after = await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        Assert.Equal(3, after.Succeeded);
        Assert.All(t.Rows(), r => Assert.Equal(RowStatus.Succeeded, r.Status));
        var runs = s.Project.Store.Runs(t.TableId, ids[0]);
        Assert.Equal([RunState.Interrupted, RunState.Succeeded], runs.Select(r => r.State));
        Assert.Equal(2, t.GetRow(ids[0]).Attempts);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public void A_holder_that_stalled_past_its_lease_keeps_its_claimed_rows_when_it_claims_again(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = t.AddRows(Rows(4));
        var store = s.Project.Store;

        // It claims two rows, then stalls (a loaded machine) until its lease has run out without a renewal.
        var batch = store.NewBatchId("stalled:1", DateTime.UtcNow.AddMilliseconds(50));
        Assert.Equal(ids.Take(2), store.ClaimRows(t.TableId, batch, false, 0, 2, DateTime.UtcNow));
        var later = DateTime.UtcNow.AddSeconds(1);

        // Its next claim must not take back its own two rows: they lie behind its claim cursor, so it would never
        // run them, and would end leaving them Pending.
        Assert.Equal(ids.Skip(2), store.ClaimRows(t.TableId, batch, false, ids[1], 2, later));
        Assert.All(ids, id => Assert.Equal(RowStatus.Queued, t.GetRow(id).Status));
        Assert.NotNull(store.TryStart(t.TableId, ids[0], batch, "stalled-run", later));

        // Another holder's claim, though, recovers them all: for it the stalled holder may be dead.
        var other = store.NewBatchId("other:1", later.AddMinutes(1));
        Assert.Equal(ids, store.ClaimRows(t.TableId, other, false, 0, 10, later));
        Assert.Null(store.TryStart(t.TableId, ids[1], batch, "stalled-run-2", later));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task A_renewed_lease_keeps_a_long_row_from_other_recomputes(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var id = s.Project.CreateTable("t", ScratchProject.Doubler()).AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        using var other = WorktableProject.Open(s.Path);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new InProcessExecutor(async (e, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
            return new Dictionary<string, object?> { ["doubled"] = 2L, ["text"] = "slow" };
        });
        var lease = TimeSpan.FromMilliseconds(600);
        var running = s.Project.OpenTable("t").RecomputeAsync(slow, new RecomputeOptions { LeaseDuration = lease });
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // Three lease lengths later the row is still the first recompute's: another one finds nothing to run.
        await Task.Delay(lease * 3);
        Assert.Equal(0, (await other.OpenTable("t").RecomputeAsync(ScratchProject.DoublerExecutor())).Planned);
        release.SetResult();
        Assert.Equal(1, (await running).Succeeded);
        var row = other.OpenTable("t").GetRow(id);
        Assert.Equal((RowStatus.Succeeded, 1, "slow"), (row.Status, row.Attempts, (string?)row["text"]));
    }
}

using System.Collections.Concurrent;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Execution;

public sealed class RecomputeTests
{
    [Fact]
    public async Task New_rows_run_once_and_a_second_recompute_runs_nothing()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = t.AddRows([.. Enumerable.Range(1, 20).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        var ran = new ConcurrentBag<long>();
        var exec = new InProcessExecutor(e =>
        {
            ran.Add(e.RowId);
            return new Dictionary<string, object?> { ["doubled"] = 2L * (long)e.Inputs["x"]!, ["text"] = "ok" };
        });

        var first = await t.RecomputeAsync(exec, new RecomputeOptions { MaxParallelism = 4 });
        Assert.Equal(20, first.Planned);
        Assert.Equal(20, first.Succeeded);
        Assert.Equal(ids.Order(), ran.Order());
        foreach (var id in ids)
        {
            var row = t.GetRow(id);
            Assert.Equal(RowStatus.Succeeded, row.Status);
            Assert.Equal(2L * (long)row["x"]!, (long)row["doubled"]!);
            Assert.Equal(1, row.Attempts);
            Assert.NotNull(row.RunId);
            Assert.NotNull(row.OutputHash);
            Assert.Equal(t.Workflow.Hash, row.WorkflowHash);
            Assert.NotNull(row.StartedUtc);
            Assert.NotNull(row.FinishedUtc);
        }

        ran.Clear();
        var second = await t.RecomputeAsync(exec);
        Assert.Equal(0, second.Planned);
        Assert.Empty(ran);
    }

    [Fact]
    public async Task Editing_back_to_the_previous_value_does_not_rerun()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 3 });
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        Assert.Equal(RowStatus.Stale, t.Edit(id, "x", 4));
        Assert.Equal([id], t.RowsToRecompute());
        Assert.Equal(RowStatus.Succeeded, t.Edit(id, "x", 3));
        Assert.Empty(t.RowsToRecompute());
        Assert.Equal(0, (await t.RecomputeAsync(ScratchProject.DoublerExecutor())).Planned);
    }

    [Fact]
    public async Task A_workflow_change_marks_every_row_stale_and_changing_it_back_restores_them()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler("v1"));
        t.AddRows([.. Enumerable.Range(1, 5).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        await t.RecomputeAsync(ScratchProject.DoublerExecutor("v1"));
        Assert.Equal(5, t.ChangeWorkflow(ScratchProject.Doubler("v2")));
        Assert.Equal(5, t.CountByStatus()[RowStatus.Stale]);
        t.ChangeWorkflow(ScratchProject.Doubler("v1"));
        Assert.Equal(5, t.CountByStatus()[RowStatus.Succeeded]);
        t.ChangeWorkflow(ScratchProject.Doubler("v2"));
        var r = await t.RecomputeAsync(ScratchProject.DoublerExecutor("v2"));
        Assert.Equal(5, r.Succeeded);
        Assert.All(t.Rows(), row => Assert.StartsWith("v2:", (string)row["text"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_row_is_Failed_with_its_error_and_the_others_succeed()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = t.AddRows([.. Enumerable.Range(1, 6).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        var exec = new InProcessExecutor(e => (long)e.Inputs["x"]! == 4
            ? throw new InvalidOperationException("four is unlucky")
            : new Dictionary<string, object?> { ["doubled"] = 1L, ["text"] = "" });
        var r = await t.RecomputeAsync(exec);
        Assert.Equal(5, r.Succeeded);
        Assert.Equal(1, r.Failed);
        var failed = t.GetRow(ids[3]);
        Assert.Equal(RowStatus.Failed, failed.Status);
        Assert.Contains("four is unlucky", failed.Error, StringComparison.Ordinal);
        Assert.Empty(failed.Outputs);
        Assert.Equal([ids[3]], t.RowsToRecompute());
        Assert.Empty(t.RowsToRecompute(retryFailed: false));
    }

    [Fact]
    public async Task Output_of_the_wrong_type_fails_the_row()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        await t.RecomputeAsync(new InProcessExecutor(_ => new Dictionary<string, object?> { ["doubled"] = "two", ["text"] = "" }));
        var row = t.GetRow(id);
        Assert.Equal(RowStatus.Failed, row.Status);
        Assert.Contains("doubled", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallelism_is_bounded()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRows([.. Enumerable.Range(1, 24).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        var now = 0;
        var max = 0;
        var exec = new InProcessExecutor(async (e, ct) =>
        {
            var n = Interlocked.Increment(ref now);
            InterlockedMax(ref max, n);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref now);
            return new Dictionary<string, object?> { ["doubled"] = 0L, ["text"] = "" };
        });
        await t.RecomputeAsync(exec, new RecomputeOptions { MaxParallelism = 3 });
        Assert.InRange(max, 1, 3);
        Assert.Equal(24, t.CountByStatus()[RowStatus.Succeeded]);
    }

    [Fact]
    public async Task Progress_reports_every_start_and_end()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRows([.. Enumerable.Range(1, 10).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        var events = new ConcurrentQueue<RecomputeProgress>();
        await t.RecomputeAsync(ScratchProject.DoublerExecutor(), new RecomputeOptions { Progress = new SyncProgress(events.Enqueue), MaxParallelism = 2 });
        Assert.Equal(10, events.Count(e => e.Status == RowStatus.Running));
        Assert.Equal(10, events.Count(e => e.Status == RowStatus.Succeeded));
        Assert.Equal(10, events.Max(e => e.Finished));
        Assert.All(events, e => Assert.Equal(10, e.Planned));
    }

    [Fact]
    public async Task Cancellation_leaves_running_and_queued_rows_Cancelled_with_nothing_written()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRows([.. Enumerable.Range(1, 30).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        using var cts = new CancellationTokenSource();
        var started = 0;
        var exec = new InProcessExecutor(async (e, ct) =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                await cts.CancelAsync();
            }

            await Task.Delay(Timeout.Infinite, ct);
            return new Dictionary<string, object?>();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.RecomputeAsync(exec, new RecomputeOptions { MaxParallelism = 2 }, cts.Token));
        // Rows claimed (running or queued) end Cancelled; rows the recompute had not yet claimed stay Pending.
        var counts = t.CountByStatus();
        Assert.InRange(counts[RowStatus.Cancelled], 2, 30);
        Assert.Equal(30, counts[RowStatus.Cancelled] + counts.GetValueOrDefault(RowStatus.Pending));
        Assert.All(t.Rows(), r => Assert.Empty(r.Outputs));
        var r2 = await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        Assert.Equal(30, r2.Succeeded);
    }

    [Fact]
    public async Task A_row_edited_during_its_own_run_ends_Pending_with_the_new_inputs()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var exec = new InProcessExecutor(e =>
        {
            t.Edit(e.RowId, "x", 7);
            return new Dictionary<string, object?> { ["doubled"] = 2L, ["text"] = "old" };
        });
        var r = await t.RecomputeAsync(exec);
        Assert.Equal(1, r.Superseded);
        var row = t.GetRow(id);
        Assert.Equal(RowStatus.Pending, row.Status);
        Assert.Equal(7L, (long)row["x"]!);
        Assert.Empty(row.Outputs);
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        Assert.Equal(14L, (long)t.GetRow(id)["doubled"]!);
    }

    [Fact]
    public async Task A_row_deleted_during_its_run_stays_deleted()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var exec = new InProcessExecutor(e =>
        {
            t.Delete(e.RowId);
            return new Dictionary<string, object?> { ["doubled"] = 2L, ["text"] = "" };
        });
        await t.RecomputeAsync(exec);
        Assert.Throws<KeyNotFoundException>(() => t.GetRow(id));
        Assert.Empty(t.Rows());
    }

    [Fact]
    public async Task Output_files_are_stored_once_by_content()
    {
        using var s = new ScratchProject();
        var wf = Stoa.Worktables.Workflow.WorkflowDefinition.FromColumns("f",
            [ColumnDefinition.Input("x", ColumnType.Int)],
            [ColumnDefinition.Output("out", ColumnType.File)], "f");
        var t = s.Project.CreateTable("t", wf);
        var ids = t.AddRows([.. Enumerable.Range(1, 4).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i })]);
        var exec = new InProcessExecutor(e =>
        {
            var p = Path.Combine(e.WorkingDirectory, "result.txt");
            File.WriteAllText(p, ((long)e.Inputs["x"]! % 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new Dictionary<string, object?> { ["out"] = new FileInfo(p) };
        });
        await t.RecomputeAsync(exec);
        var locations = ids.Select(id => (string)t.GetRow(id)["out"]!["location"]!).ToList();
        Assert.Equal(2, locations.Distinct().Count());
        Assert.All(locations, l => Assert.StartsWith(s.Project.OutputDirectory, l, StringComparison.Ordinal));
        Assert.All(locations, l => Assert.Equal(Path.GetFileName(l), System.Security.Cryptography.SHA1.HashData(File.ReadAllBytes(l)).Aggregate("", (a, b) => a + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal("result.txt", (string)t.GetRow(ids[0])["out"]!["basename"]!);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class SyncProgress(Action<RecomputeProgress> report) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value) => report(value);
    }
}

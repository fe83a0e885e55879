using System.Collections.Concurrent;
using FsCheck.Xunit;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Properties;

/// <summary>
/// The recomputation specification, checked against a plain in-memory model. A script of integers drives random
/// adds, edits (small value ranges, so edits back to earlier values are frequent), deletes, workflow changes
/// (back and forth between three versions) and recomputes; FsCheck shrinks a failing script to a minimal one.
/// </summary>
public sealed class RecomputePropertiesTests
{
    private static WorkflowDefinition Version(int v) => ScratchProject.Doubler("v" + v);

    private static string Expected(long x, string? label, int version) => $"v{version}:{2 * x}:{label}";

    /// <summary>The function every row computes: a pure function of its inputs and the workflow version.</summary>
    private static InProcessExecutor Executor(Func<int> version, ConcurrentBag<long> executed, Action<RowExecution>? during = null) => new(e =>
    {
        executed.Add(e.RowId);
        during?.Invoke(e);
        var x = (long)e.Inputs["x"]!;
        var label = (string?)e.Inputs.GetValueOrDefault("label");
        return new Dictionary<string, object?> { ["doubled"] = 2 * x, ["text"] = Expected(x, label, version()) };
    });

    private sealed class Model
    {
        public Dictionary<long, (long X, string? Label)> Rows { get; } = [];

        public Dictionary<long, (long X, string? Label, int Version)> Computed { get; } = [];

        public int Version { get; set; }

        public HashSet<long> NeedingRun() =>
            [.. Rows.Where(r => !Computed.TryGetValue(r.Key, out var c) || c != (r.Value.X, r.Value.Label, Version)).Select(r => r.Key)];
    }

    [Property(MaxTest = 60)]
    public bool Recompute_Meets_Specification(int[] script) => Recompute_Meets_Specification_On(StoreKind.Sqlite, script);

    [PostgresProperty(MaxTest = 60)]
    public bool Recompute_Meets_Specification_on_Postgres(int[] script) => Recompute_Meets_Specification_On(StoreKind.Postgres, script);

    private static bool Recompute_Meets_Specification_On(StoreKind store, int[] script)
    {
        using var s = new ScratchProject(store);
        var model = new Model();
        var t = s.Project.CreateTable("t", Version(0));
        var executed = new ConcurrentBag<long>();
        var exec = Executor(() => model.Version, executed);
        var random = 0;
        int Next() => script.Length == 0 ? 0 : Math.Abs(script[random++ % script.Length] % 1000);

        foreach (var op in script)
        {
            var kind = Math.Abs(op % 6);
            var ids = model.Rows.Keys.Order().ToList();
            switch (kind)
            {
                case 0:
                {
                    var x = Next() % 4;
                    var id = t.AddRow(new Dictionary<string, object?> { ["x"] = x });
                    model.Rows[id] = (x, null);
                    break;
                }

                case 1 when ids.Count > 0:
                {
                    var id = ids[Next() % ids.Count];
                    var x = Next() % 4;
                    t.Edit(id, "x", x);
                    model.Rows[id] = (x, model.Rows[id].Label);
                    break;
                }

                case 2 when ids.Count > 0:
                {
                    var id = ids[Next() % ids.Count];
                    Assert.True(t.Delete(id));
                    model.Rows.Remove(id);
                    model.Computed.Remove(id);
                    break;
                }

                case 3:
                    model.Version = Next() % 3;
                    t.ChangeWorkflow(Version(model.Version));
                    break;

                case 4:
                    RecomputeAndCheckMinimality(t, exec, executed, model);
                    break;

                case 5 when ids.Count > 0:
                {
                    var id = ids[Next() % ids.Count];
                    var label = (Next() % 3) switch { 0 => null, 1 => "a", _ => "b" };
                    t.Edit(id, "label", label);
                    model.Rows[id] = (model.Rows[id].X, label);
                    break;
                }
            }

            // The plan is always exactly the model's set of rows whose identity changed.
            Assert.Equal(model.NeedingRun().Order(), t.RowsToRecompute());
        }

        RecomputeAndCheckMinimality(t, exec, executed, model);
        CheckEqualsFromScratch(t, model);

        // Idempotence: nothing changed, nothing runs.
        executed.Clear();
        Assert.Equal(0, t.RecomputeAsync(exec).GetAwaiter().GetResult().Planned);
        Assert.Empty(executed);
        return true;
    }

    [Property(MaxTest = 30)]
    public bool Recompute_is_idempotent_Meets_Specification(int[] xs)
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", Version(0));
        t.AddRows([.. xs.Take(30).Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = x % 1000 })]);
        var executed = new ConcurrentBag<long>();
        var exec = Executor(() => 0, executed);
        var first = t.RecomputeAsync(exec).GetAwaiter().GetResult();
        var snapshot = t.Rows().Select(r => (r.RowId, r.Status, r.OutputHash, r.RunId)).ToList();
        executed.Clear();
        var second = t.RecomputeAsync(exec).GetAwaiter().GetResult();
        return first.Succeeded == Math.Min(30, xs.Length) && second.Planned == 0 && executed.IsEmpty
            && snapshot.SequenceEqual(t.Rows().Select(r => (r.RowId, r.Status, r.OutputHash, r.RunId)));
    }

    /// <summary>
    /// Edits interleaved with a running recompute, on random schedules: some made by the executor itself while
    /// a row runs (its own row or another), some by a concurrent editor thread. No edit is ever lost, and a
    /// Succeeded row always holds the outputs of its current inputs.
    /// </summary>
    [Property(MaxTest = 25)]
    public bool Concurrent_edits_Meets_Specification(int[] schedule, int parallelism)
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", Version(0));
        const int n = 24;
        var ids = t.AddRows([.. Enumerable.Range(0, n).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i % 4 })]);
        var last = new ConcurrentDictionary<long, long>(ids.Select((id, i) => KeyValuePair.Create(id, (long)(i % 4))));
        var sched = schedule.Length == 0 ? [0] : schedule;

        // Even-indexed rows are edited only from inside runs, odd-indexed rows only by the editor thread, so each
        // row has one writer and its last written value is well defined.
        var executed = new ConcurrentBag<long>();
        var step = 0;
        var exec = Executor(() => 0, executed, e =>
        {
            var k = Math.Abs(sched[Interlocked.Increment(ref step) % sched.Length]);
            if (k % 3 == 0)
            {
                var target = ids[(k / 3 % (n / 2)) * 2];
                lock (last)
                {
                    var v = (long)(k % 7);
                    t.Edit(target, "x", v);
                    last[target] = v;
                }
            }
        });

        using var stop = new CancellationTokenSource();
        var editor = Task.Run(() =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested && i < 40)
            {
                var k = Math.Abs(sched[i++ % sched.Length]);
                var target = ids[(k % (n / 2)) * 2 + 1];
                var v = (long)((k / 5) % 7);
                t.Edit(target, "x", v);
                last[target] = v;
                Thread.Yield();
            }
        });

        t.RecomputeAsync(exec, new RecomputeOptions { MaxParallelism = 1 + Math.Abs(parallelism % 4) }).GetAwaiter().GetResult();
        stop.Cancel();
        editor.GetAwaiter().GetResult();

        foreach (var row in t.Rows())
        {
            Assert.Equal(last[row.RowId], (long)row["x"]!);
            if (row.Status == RowStatus.Succeeded)
            {
                Assert.Equal(2 * last[row.RowId], (long)row["doubled"]!);
            }
            else
            {
                Assert.Contains(row.Status, new[] { RowStatus.Pending, RowStatus.Stale });
            }
        }

        // Whatever was left behind is exactly what the next recompute runs, and then everything is right.
        t.RecomputeAsync(Executor(() => 0, new ConcurrentBag<long>())).GetAwaiter().GetResult();
        return t.Rows().All(r => r.Status == RowStatus.Succeeded && (long)r["doubled"]! == 2 * last[r.RowId]);
    }

    private static void RecomputeAndCheckMinimality(Worktable t, InProcessExecutor exec, ConcurrentBag<long> executed, Model model)
    {
        executed.Clear();
        var expected = model.NeedingRun();
        var result = t.RecomputeAsync(exec, new RecomputeOptions { MaxParallelism = 3 }).GetAwaiter().GetResult();
        Assert.Equal(expected.Order(), executed.Order());
        Assert.Equal(expected.Count, result.Succeeded);
        foreach (var (id, v) in model.Rows)
        {
            model.Computed[id] = (v.X, v.Label, model.Version);
        }
    }

    private static void CheckEqualsFromScratch(Worktable t, Model model)
    {
        var rows = t.Rows().ToList();
        Assert.Equal(model.Rows.Keys.Order(), rows.Select(r => r.RowId));
        foreach (var row in rows)
        {
            var (x, label) = model.Rows[row.RowId];
            Assert.Equal(RowStatus.Succeeded, row.Status);
            Assert.Equal(x, (long)row["x"]!);
            Assert.Equal(2 * x, (long)row["doubled"]!);
            Assert.Equal(Expected(x, label, model.Version), (string)row["text"]!);
            Assert.Equal(Version(model.Version).Hash, row.WorkflowHash);
        }
    }
}

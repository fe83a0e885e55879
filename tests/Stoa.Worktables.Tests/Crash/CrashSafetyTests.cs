using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Stoa.Tests.Shared;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;
using Xunit.Abstractions;

namespace Stoa.Worktables.Tests.Crash;

/// <summary>
/// Really kills (SIGKILL) a child process at seeded random moments of a recompute — while it starts, opens and
/// recovers the project, queues rows, runs them or writes their results — then, once the child's lease has run out,
/// reopens the project and checks: no row lost, no Succeeded row without its outputs (or with outputs of other
/// inputs), no duplicate run, no run left open, and interrupted rows back to Pending with the attempt counted. A
/// second test runs two children on one table at once and kills one of them.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Rows = 60;

    /// <summary>The children's lease: short, so a killed child's rows come back soon.</summary>
    private const int LeaseMs = 400;

    private static WorkflowDefinition Workflow() => WorkflowDefinition.FromColumns("crash",
        [ColumnDefinition.Input("x", ColumnType.Long)],
        [ColumnDefinition.Output("doubled", ColumnType.Long), ColumnDefinition.Output("out", ColumnType.File)],
        "crash v1");

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task Kill_9_during_recompute_Meets_Specification(StoreKind kind)
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("STOA_CRASH_ITERATIONS"), out var n) ? n : 40;
        var dir = Directory.CreateTempSubdirectory("stoa-crash-").FullName;
        var path = kind == StoreKind.Postgres ? TestPostgres.CreateDatabase() : Path.Combine(dir, "crash.stoa");
        var random = new Random(20261125);
        var nextValue = 1000L;
        using (var p = WorktableProject.Open(path, new WorktableProjectOptions { FilesDirectory = Path.Combine(dir, "files") }))
        {
            var t = p.CreateTable("t", Workflow());
            t.AddRows([.. Enumerable.Range(0, Rows).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = (long)i })]);
        }

        int killed = 0, completed = 0, interruptedRuns = 0;
        for (var i = 0; i < iterations; i++)
        {
            // Most kills are timed from the moment the child starts its recompute (so they land while rows are
            // queued, running or being written, however loaded the machine is); every fifth is timed from process
            // start, so it can also land while the child opens the project and recovers the previous crash.
            var fromStart = i % 5 == 0;
            var exited = RunChild(path, i, fromStart ? random.Next(50, 900) : random.Next(0, 300), fromStart);
            if (exited)
            {
                completed++;
            }
            else
            {
                killed++;
                Thread.Sleep(LeaseMs + 100);
            }

            using var p = WorktableProject.Open(path);
            var t = p.OpenTable("t");
            var interruptedNow = CheckInvariants(p, t);
            Assert.True(interruptedNow >= interruptedRuns);
            interruptedRuns = interruptedNow;

            // New work for the next child: fresh values only, so a row's identity never repeats and a second
            // successful run for the same identity can only be a duplicate.
            foreach (var row in t.Rows().Where(_ => random.Next(2) == 0))
            {
                t.Edit(row.RowId, "x", nextValue++);
            }
        }

        // Let a last child finish, then everything must be computed and right.
        Assert.True(RunChild(path, iterations, 300_000, fromStart: true), "the final child did not finish");
        using (var p = WorktableProject.Open(path))
        {
            var t = p.OpenTable("t");
            CheckInvariants(p, t);
            Assert.All(t.Rows(), r => Assert.Equal(RowStatus.Succeeded, r.Status));
        }

        output.WriteLine($"{iterations} iterations: {killed} killed mid-run, {completed} ran to completion, {interruptedRuns} interrupted runs recovered");
        Assert.True(killed >= iterations / 3, $"only {killed} of {iterations} children were killed before finishing");
        Assert.True(interruptedRuns > 0, "no kill landed during a run");
        if (kind == StoreKind.Postgres)
        {
            TestPostgres.DropDatabase(path);
        }

        Directory.Delete(dir, recursive: true);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task Two_recomputes_of_one_table_and_kill_9_of_one_Meets_Specification(StoreKind kind)
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("STOA_CRASH_ITERATIONS"), out var n) ? Math.Max(2, n / 8) : 5;
        var dir = Directory.CreateTempSubdirectory("stoa-crash2-").FullName;
        var path = kind == StoreKind.Postgres ? TestPostgres.CreateDatabase() : Path.Combine(dir, "crash.stoa");
        var random = new Random(20261204);
        var nextValue = 1000L;
        using (var p = WorktableProject.Open(path, new WorktableProjectOptions { FilesDirectory = Path.Combine(dir, "files") }))
        {
            p.CreateTable("t", Workflow()).AddRows([.. Enumerable.Range(0, Rows).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = (long)i })]);
        }

        var interruptedRuns = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Two children on one table; rows sleep up to 150 ms so both have rows in flight when one is killed.
            using var victim = StartChild(path, 2 * round, 150);
            using var survivor = StartChild(path, (2 * round) + 1, 150);
            var survivorErr = survivor.StandardError.ReadToEndAsync();
            _ = victim.StandardError.ReadToEndAsync();
            Assert.Equal("recompute", victim.StandardOutput.ReadLine());
            Assert.Equal("recompute", survivor.StandardOutput.ReadLine());
            _ = victim.StandardOutput.ReadToEndAsync();
            var survivorOut = survivor.StandardOutput.ReadToEndAsync();
            Thread.Sleep(random.Next(100, 600));
            victim.Kill(entireProcessTree: true);
            victim.WaitForExit();
            survivor.WaitForExit();
            Assert.True(survivor.ExitCode == 0, $"the surviving child failed: {await survivorErr}");
            output.WriteLine($"round {round}: survivor {(await survivorOut).Trim()}");

            // The victim's rows wait for its lease; then a last recompute runs them.
            Thread.Sleep(LeaseMs + 100);
            Assert.True(RunChild(path, 1000 + round, 300_000, fromStart: true), "the final child did not finish");
            using var reopened = WorktableProject.Open(path);
            var t = reopened.OpenTable("t");
            interruptedRuns = CheckInvariants(reopened, t);
            Assert.All(t.Rows(), r => Assert.Equal(RowStatus.Succeeded, r.Status));
            foreach (var row in t.Rows().Where(_ => random.Next(2) == 0))
            {
                t.Edit(row.RowId, "x", nextValue++);
            }
        }

        output.WriteLine($"{rounds} rounds, {interruptedRuns} interrupted runs recovered");
        Assert.True(interruptedRuns > 0, "no kill landed during a run");
        if (kind == StoreKind.Postgres)
        {
            TestPostgres.DropDatabase(path);
        }

        Directory.Delete(dir, recursive: true);
    }

    /// <summary>
    /// Starts the child and SIGKILLs it <paramref name="killAfterMs"/> after it starts (or after it announces its
    /// recompute); true when it exited first.
    /// </summary>
    private static bool RunChild(string project, int seed, int killAfterMs, bool fromStart)
    {
        using var process = StartChild(project, seed, 60);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!fromStart)
        {
            // Wait (untimed) for the announcement; a child that dies before it is a failure reported below.
            var line = process.StandardOutput.ReadLine();
            if (line is null)
            {
                process.WaitForExit();
                Assert.Fail($"child {seed} ended before its recompute: {stderr.Result}");
            }
        }

        _ = process.StandardOutput.ReadToEndAsync();
        if (process.WaitForExit(killAfterMs))
        {
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"child {seed} failed: {stderr.Result}");
            return true;
        }

        // Process.Kill sends SIGKILL on Unix: no finally blocks, no flushing, no disposal — a real crash.
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return false;
    }

    private static Process StartChild(string project, int seed, int maxSleepMs)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Stoa.Worktables.CrashChild.dll"));
        psi.ArgumentList.Add(project);
        psi.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(maxSleepMs.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(LeaseMs.ToString(CultureInfo.InvariantCulture));
        return Process.Start(psi)!;
    }

    /// <returns>The number of runs recorded as interrupted so far (left running by a killed child).</returns>
    private static int CheckInvariants(WorktableProject p, Worktable t)
    {
        var rows = t.Rows().ToList();
        Assert.Equal(Rows, rows.Count);
        var interrupted = 0;
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row.Status, new[] { RowStatus.Queued, RowStatus.Running });
            var runs = p.Store.Runs(t.TableId, row.RowId);
            Assert.Equal(runs.Count, row.Attempts);
            Assert.DoesNotContain(runs, r => r.State == RunState.Running);
            Assert.Equal(runs.Count, runs.Select(r => r.RunId).Distinct().Count());
            var succeeded = runs.Where(r => r.State == RunState.Succeeded).ToList();
            Assert.True(succeeded.GroupBy(r => (r.InputHash, r.WorkflowHash)).All(g => g.Count() == 1), $"row {row.RowId} ran twice for one identity");
            interrupted += runs.Count(r => r.State == RunState.Interrupted);

            if (row.Status == RowStatus.Succeeded)
            {
                var x = (long)row["x"]!;
                Assert.Equal(2 * x, (long)row["doubled"]!);
                var file = row["out"]!;
                var location = (string)file["location"]!;
                Assert.StartsWith(p.OutputDirectory, location, StringComparison.Ordinal);
                var bytes = File.ReadAllBytes(location);
                Assert.Equal("x=" + x.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(bytes));
                Assert.Equal("sha1$" + Convert.ToHexStringLower(SHA1.HashData(bytes)), (string)file["checksum"]!);
                var last = Assert.Single(runs, r => r.RunId == row.RunId);
                Assert.Equal(RunState.Succeeded, last.State);
                Assert.Equal(row.OutputHash, last.OutputHash);
                Assert.Equal(row.InputHash, last.InputHash);
            }
        }

        return interrupted;
    }
}

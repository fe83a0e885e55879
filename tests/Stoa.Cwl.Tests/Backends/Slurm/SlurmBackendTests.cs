using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Stoa.Tests.Shared;

namespace Stoa.Cwl.Tests.Backends.Slurm;

/// <summary>
/// The Slurm backend against a real single-node Slurm started by eng/services/slurm/up.sh (test.sh does
/// it). Without a reachable Slurm these tests fail rather than pass vacuously.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmBackendTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("stoa-slurm-test-").FullName;

    private SlurmBackend NewBackend(Func<SlurmBackendOptions, SlurmBackendOptions>? configure = null)
    {
        var options = new SlurmBackendOptions
        {
            ControlDirectory = Path.Combine(root, "control"),
            PollInterval = TimeSpan.FromMilliseconds(250),
            ArrayGatherWindow = TimeSpan.FromMilliseconds(300),
        };
        return new SlurmBackend(configure is null ? options : configure(options));
    }

    private CwlPreparedJob Job(string name, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? env = null, string? stdin = null, TimeSpan? limit = null)
    {
        var work = Path.Combine(root, "job-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        return new CwlPreparedJob
        {
            JobId = name.Replace('/', '-'),
            Name = name,
            CommandLine = argv,
            Environment = env ?? new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = work },
            WorkingDirectory = work,
            TempDirectory = work,
            StdinPath = stdin,
            StdoutPath = Path.Combine(work, "out.txt"),
            StderrPath = Path.Combine(work, "err.txt"),
            TimeLimit = limit,
        };
    }

    [Fact]
    public async Task Echo_RunsInItsDirectory_WithItsStreams()
    {
        await using var backend = NewBackend();
        var input = Path.Combine(root, "in.txt");
        await File.WriteAllTextAsync(input, "from stdin\n");
        var job = Job("echo", ["/bin/sh", "-c", "pwd; cat; echo oops >&2"], stdin: input);

        var result = await backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Equal($"{job.WorkingDirectory}\nfrom stdin\n", await File.ReadAllTextAsync(job.StdoutPath));
        Assert.Equal("oops\n", await File.ReadAllTextAsync(job.StderrPath));
        Assert.True(result.FinishedUtc >= result.StartedUtc);
        Assert.Equal(1, backend.Submissions);
    }

    [Fact]
    public async Task Submission_IsLogged_WithTheSlurmJobId_AndTheEndState()
    {
        using var logs = new RecordingLoggerFactory();
        await using var backend = NewBackend(o => o with { LoggerFactory = logs });

        var result = await backend.ExecuteAsync(Job("main/quiet", ["/bin/sh", "-c", "exit 4"]), CancellationToken.None);

        Assert.Equal(4, result.ExitCode);
        Assert.All(logs.Messages, m => Assert.Equal("Stoa.Cwl.Slurm", m.Category));
        var submitted = Assert.Single(logs.Messages, m => m.EventName == "Submitted");
        Assert.Equal(LogLevel.Information, submitted.Level);
        var id = submitted.Text.Split(' ')[2];
        Assert.True(id.All(char.IsAsciiDigit), submitted.Text);
        Assert.Equal($"sbatch: job {id} for main/quiet (main-quiet)", submitted.Text);
        Assert.Equal($"Slurm job {id} for main/quiet ended FAILED, exit code 4", Assert.Single(logs.Messages, m => m.EventName == "JobEnded").Text);
    }

    [Fact]
    public async Task RefusedSubmission_IsLoggedAsAWarning()
    {
        using var logs = new RecordingLoggerFactory();
        await using var backend = NewBackend(o => o with { LoggerFactory = logs, Partition = "stoa-log-no-such-partition" });

        await Assert.ThrowsAsync<SlurmJobFailedException>(() => backend.ExecuteAsync(Job("main/refused", ["/bin/true"]), CancellationToken.None));

        var refused = Assert.Single(logs.Messages, m => m.EventName == "Refused");
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.StartsWith("sbatch refused main/refused: ", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCode_And_Environment_ArePreservedExactly()
    {
        await using var backend = NewBackend();
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["ODD_VALUE"] = "it's \"quoted\" $HOME" };
        var job = Job("env", ["/bin/sh", "-c", "env | sort; exit 3"], env);

        var result = await backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        var lines = (await File.ReadAllLinesAsync(job.StdoutPath)).Where(l => !l.StartsWith("PWD=", StringComparison.Ordinal) && !l.StartsWith("SHLVL=", StringComparison.Ordinal) && !l.StartsWith("_=", StringComparison.Ordinal));
        Assert.Equal(["ODD_VALUE=it's \"quoted\" $HOME", "PATH=/usr/bin:/bin"], lines);
    }

    [Fact]
    public async Task Scatter_OfHomogeneousJobs_IsOneJobArray()
    {
        // A generous gathering window: on a loaded machine writing the twelve scripts may take a while.
        await using var backend = NewBackend(o => o with { ArrayGatherWindow = TimeSpan.FromSeconds(3) });
        var jobs = Enumerable.Range(0, 12).Select(i => Job($"main/step/{i}", ["/bin/sh", "-c", $"echo {i}"])).ToList();

        var results = await Task.WhenAll(jobs.Select(j => backend.ExecuteAsync(j, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.Equal($"{i}\n", await File.ReadAllTextAsync(jobs[i].StdoutPath));
        }

        Assert.Equal(1, backend.Submissions);
    }

    [Fact]
    public async Task Scatter_WithoutArrays_IsOneSubmissionPerJob()
    {
        await using var backend = NewBackend(o => o with { UseJobArrays = false });
        var jobs = Enumerable.Range(0, 4).Select(i => Job($"main/step/{i}", ["/bin/true"])).ToList();

        await Task.WhenAll(jobs.Select(j => backend.ExecuteAsync(j, CancellationToken.None)));

        Assert.Equal(4, backend.Submissions);
    }

    [Fact]
    public async Task TimeLimit_KillsTheJob_AndSaysSo()
    {
        await using var backend = NewBackend();
        var job = Job("slow", ["/bin/sleep", "60"], limit: TimeSpan.FromSeconds(2));

        var result = await backend.ExecuteAsync(job, CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task Cancellation_Scancels_TheJob()
    {
        await using var backend = NewBackend();
        var marker = Path.Combine(root, "started");
        var job = Job("cancel-me", ["/bin/sh", "-c", $"touch '{marker}'; sleep 120"]);
        using var cts = new CancellationTokenSource();

        var run = backend.ExecuteAsync(job, cts.Token);
        await WaitUntilAsync(() => File.Exists(marker), TimeSpan.FromSeconds(60));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // Nothing of ours is left running on the cluster.
        var squeue = Run("squeue", "--noheader", "--states", "RUNNING,PENDING", "--name", "cancel-me", "--format", "%i");
        Assert.Equal(string.Empty, squeue.Trim());
    }

    [Fact]
    public async Task ImpossibleRequest_IsAClearSubmitError()
    {
        await using var backend = NewBackend(o => o with { Partition = "no-such-partition" });

        var e = await Assert.ThrowsAsync<SlurmJobFailedException>(() => backend.ExecuteAsync(Job("nope", ["/bin/true"]), CancellationToken.None));

        Assert.Contains("sbatch refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("partition", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task JobWhoseScriptDies_IsNeverReportedAsRun()
    {
        await using var backend = NewBackend();
        // The tool kills the batch script that would have recorded its exit code.
        var job = Job("killer", ["/bin/sh", "-c", "kill -9 $PPID; sleep 1"]);

        var e = await Assert.ThrowsAsync<SlurmJobFailedException>(() => backend.ExecuteAsync(job, CancellationToken.None));

        Assert.Contains("exit code", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.LogPath);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "the job never started on Slurm");
            await Task.Delay(100);
        }
    }

    internal static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a cancelled job may still be writing; the temp folder is swept later
        }
    }
}

/// <summary>Slurm tests share one small cluster: run them one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlurmCollection
{
    public const string Name = "slurm";
}

using System.Diagnostics;
using Xunit.Abstractions;

namespace Stoa.Cwl.Tests.Backends.Slurm;

/// <summary>
/// The fault test of the Slurm backend: slurmd (the node daemon) is killed while a job runs and then started
/// again with eng/services/slurm/up.sh. The job must either complete with its real output or fail with
/// a clear error — never be reported as run when it did not.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("stoa-slurm-fault-").FullName;

    [Fact]
    public async Task KilledSlurmd_MidRun_JobCompletesOrFailsClearly()
    {
        var upScript = FindUpScript();
        var state = Environment.GetEnvironmentVariable("STOA_SLURM_STATE") ?? "/tmp/stoa-slurm";
        var pidFile = Path.Combine(state, "run", "slurmd.pid");
        Assert.True(File.Exists(pidFile), $"no {pidFile}: Slurm was not started by up.sh");

        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        var marker = Path.Combine(root, "started");
        var job = new CwlPreparedJob
        {
            JobId = "fault",
            Name = "fault",
            CommandLine = ["/bin/sh", "-c", $"touch '{marker}'; sleep 4; echo done"],
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            WorkingDirectory = work,
            TempDirectory = work,
            StdoutPath = Path.Combine(work, "out.txt"),
            StderrPath = Path.Combine(work, "err.txt"),
        };
        await using var backend = new SlurmBackend(new SlurmBackendOptions
        {
            ControlDirectory = Path.Combine(root, "control"),
            PollInterval = TimeSpan.FromMilliseconds(250),
            SchedulerUnreachableTimeout = TimeSpan.FromMinutes(3),
        });

        var run = backend.ExecuteAsync(job, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the job never started");
            await Task.Delay(100);
        }

        var cpus = SlurmBackendTests.Run("sinfo", "--noheader", "--format", "%c").Trim();
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var slurmd = Process.GetProcessById(pid))
        {
            slurmd.Kill();
            await slurmd.WaitForExitAsync();
        }

        await Task.Delay(1000);
        // up.sh restarts only what is down, provided it is asked for the configuration already running (a different
        // CPU count would make it rewrite the config and restart slurmctld too).
        var restartInfo = new ProcessStartInfo("bash", [upScript]) { RedirectStandardOutput = true, RedirectStandardError = true };
        restartInfo.Environment["STOA_SLURM_CPUS"] = cpus;
        // No smoke job: while our own job holds the node it may queue, which up.sh would take for a failure.
        restartInfo.Environment["STOA_SLURM_SMOKE"] = "0";
        var restart = Process.Start(restartInfo)!;
        await restart.WaitForExitAsync();
        Assert.True(restart.ExitCode == 0, "up.sh could not restart slurmd: " + await restart.StandardError.ReadToEndAsync());

        try
        {
            var result = await run.WaitAsync(TimeSpan.FromMinutes(5));
            output.WriteLine($"outcome: completed with exit {result.ExitCode} after slurmd was killed and restarted");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("done\n", await File.ReadAllTextAsync(job.StdoutPath));
        }
        catch (SlurmJobFailedException e)
        {
            output.WriteLine($"outcome: failed clearly: {e.Message}");
            Assert.False(string.IsNullOrWhiteSpace(e.State));
        }
    }

    private static string FindUpScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "eng", "services", "slurm", "up.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("eng/services/slurm/up.sh not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

using System.Diagnostics;
using System.Text;
using Stoa.Cwl.Backends.Local;

namespace Stoa.Cwl;

/// <summary>
/// Runs jobs as local processes, started with their standard streams on files and their exact environment;
/// cancellation and time limits kill the whole process tree.
/// </summary>
public sealed class LocalProcessBackend : ICwlExecutionBackend
{
    /// <inheritdoc />
    public Task<CwlJobExecution> ExecuteAsync(CwlPreparedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return PosixSpawn.IsSupported ? SpawnAsync(job, cancellationToken) : ThroughShellAsync(job, cancellationToken);
    }

    private static async Task<CwlJobExecution> SpawnAsync(CwlPreparedJob job, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var outcome = PosixSpawn.Start(job.CommandLine, job.Environment, job.WorkingDirectory, job.StdinPath ?? "/dev/null", job.StdoutPath, job.StderrPath);
        if (outcome.ProcessId == 0)
        {
            // What the shell used to write when the program could not be started; the job fails with its exit code.
            await File.WriteAllTextAsync(job.StderrPath, outcome.FailureMessage + "\n", CancellationToken.None).ConfigureAwait(false);
            return new CwlJobExecution(outcome.FailureExitCode, false, started, DateTimeOffset.UtcNow);
        }

        int pid = outcome.ProcessId;

        // One thread watches every job's exit (ExitWatcher); without pidfds waitpid blocks, so each running job has a
        // thread of its own, the number running bounded by the job slots.
        var exited = ExitWatcher.TryWatch(pid)
            ?? Task.Factory.StartNew(() => PosixSpawn.WaitForExit(pid), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        using var timeout = job.TimeLimit is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            int code = await exited.WaitAsync(linked.Token).ConfigureAwait(false);
            return new CwlJobExecution(code, false, started, DateTimeOffset.UtcNow);
        }
        catch (OperationCanceledException) when (!exited.IsCompleted)
        {
            KillTree(pid);
            await exited.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new CwlJobExecution(await exited.ConfigureAwait(false), true, started, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Kills the child, everything it started in its process group, and descendants that left the group.</summary>
    private static void KillTree(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone (or not ours to walk): the process-group kill below still applies.
        }

        PosixSpawn.KillGroup(pid);
    }

    /// <summary>Where posix_spawn is unavailable: /bin/sh does the redirections and then execs the program.</summary>
    private static async Task<CwlJobExecution> ThroughShellAsync(CwlPreparedJob job, CancellationToken cancellationToken)
    {
        var script = new StringBuilder("exec \"$@\"");
        script.Append(" <").Append(Quote(job.StdinPath ?? "/dev/null"));
        script.Append(" >").Append(Quote(job.StdoutPath));
        script.Append(" 2>").Append(Quote(job.StderrPath));
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = job.WorkingDirectory,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script.ToString());
        psi.ArgumentList.Add("stoa-job");
        foreach (var a in job.CommandLine)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        foreach (var (k, v) in job.Environment)
        {
            psi.Environment[k] = v;
        }

        using var timeout = job.TimeLimit is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = DateTimeOffset.UtcNow;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start /bin/sh");
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new CwlJobExecution(process.ExitCode, true, started, DateTimeOffset.UtcNow);
        }

        return new CwlJobExecution(process.ExitCode, false, started, DateTimeOffset.UtcNow);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}

using System.Diagnostics;
using System.Text;

namespace Stoa.Cwl;

/// <summary>Runs jobs as local processes; cancellation and time limits kill the whole process tree.</summary>
public sealed class LocalProcessBackend : ICwlExecutionBackend
{
    /// <inheritdoc />
    public async Task<CwlJobExecution> ExecuteAsync(CwlPreparedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        // /bin/sh does the redirections and then execs the program, so no bytes pass through this process.
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

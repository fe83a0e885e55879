namespace Stoa.Cwl;

/// <summary>The state a Slurm job ended in, with Slurm's reason.</summary>
internal sealed record SlurmFinalState(string State, string Reason);

public sealed partial class SlurmBackend
{
    /// <summary>Polls a job missing from squeue's answer this many times before deciding how it ended.</summary>
    private const int MissingPollsBeforeVerdict = 3;

    private readonly Lock watchLock = new();
    private readonly Dictionary<string, Watch> watches = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim wake = new(0);
    private Task? pollLoop;

    private sealed class Watch(string controlDirectory)
    {
        public string ControlDirectory { get; } = controlDirectory;

        public TaskCompletionSource<SlurmFinalState> Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int MissingPolls { get; set; }
    }

    private async Task<SlurmFinalState> WatchAsync(string slurmJobId, string controlDirectory, CancellationToken cancellationToken)
    {
        var watch = new Watch(controlDirectory);
        lock (watchLock)
        {
            watches[slurmJobId] = watch;
            pollLoop ??= Task.Run(PollLoopAsync, CancellationToken.None);
        }

        wake.Release();
        try
        {
            return await watch.Final.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // scancel was sent by the caller's registration; give Slurm a moment to confirm so nothing is left running.
            try
            {
                return await watch.Final.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        finally
        {
            lock (watchLock)
            {
                watches.Remove(slurmJobId);
            }
        }
    }

    private string[] InFlightIds()
    {
        lock (watchLock)
        {
            return [.. watches.Keys];
        }
    }

    private async Task PollLoopAsync()
    {
        var unreachableSince = (DateTimeOffset?)null;
        while (!disposing.IsCancellationRequested)
        {
            Dictionary<string, Watch> snapshot;
            lock (watchLock)
            {
                snapshot = new Dictionary<string, Watch>(watches, StringComparer.Ordinal);
            }

            if (snapshot.Count == 0)
            {
                await WaitQuietlyAsync(wake.WaitAsync(disposing.Token)).ConfigureAwait(false);
                continue;
            }

            // One call for every job in flight: array tasks are asked for through their array's id.
            var ids = snapshot.Keys.Select(id => id.Split('_')[0]).Distinct(StringComparer.Ordinal);
            SlurmCommandResult result;
            try
            {
                result = await cli.RunAsync("squeue", ["--noheader", "--array", "--states", "all", "--jobs", string.Join(',', ids),
                    "--format", "%i|%T|%r"], disposing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (disposing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SlurmJobFailedException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // squeue could not even be started (e.g. the machine ran out of processes): the loop must live on,
                // or every watcher would wait forever. It counts as the scheduler being unreachable.
                result = new SlurmCommandResult(-1, string.Empty, e.Message);
            }

            var states = new Dictionary<string, SlurmFinalState>(StringComparer.Ordinal);
            foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split('|');
                if (parts.Length >= 2)
                {
                    states[parts[0]] = new SlurmFinalState(parts[1], parts.Length > 2 ? parts[2] : string.Empty);
                }
            }

            // squeue exits non-zero when slurmctld is down, and also when every id asked for has aged out of its
            // memory ("Invalid job id"): only the first is the scheduler being unreachable.
            var unreachable = result.ExitCode != 0 && !result.Stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase);
            unreachableSince = unreachable ? unreachableSince ?? DateTimeOffset.UtcNow : null;

            foreach (var (id, watch) in snapshot)
            {
                if (states.TryGetValue(id, out var state))
                {
                    watch.MissingPolls = 0;
                    if (SlurmJobState.Classify(state.State) != SlurmOutcome.InFlight)
                    {
                        watch.Final.TrySetResult(state);
                    }
                }
                else if (!unreachable && ++watch.MissingPolls >= MissingPollsBeforeVerdict)
                {
                    // Slurm no longer lists it (MinJobAge passed): the script's own record is the only witness.
                    var ran = File.Exists(Path.Combine(watch.ControlDirectory, SlurmBatchScript.ExitCodeFile));
                    watch.Final.TrySetResult(new SlurmFinalState(ran ? "COMPLETED" : "UNKNOWN",
                        ran ? "no longer listed by squeue; exit code recorded by the job" : "no longer listed by squeue and no exit code recorded"));
                }
                else if (unreachableSince is { } since && DateTimeOffset.UtcNow - since > options.SchedulerUnreachableTimeout)
                {
                    watch.Final.TrySetException(new SlurmJobFailedException(
                        $"The Slurm scheduler has not answered for {options.SchedulerUnreachableTimeout}: {result.Stderr.Trim()}", id));
                }
            }

            await WaitQuietlyAsync(Task.Delay(options.PollInterval, disposing.Token)).ConfigureAwait(false);
        }
    }

    private static async Task WaitQuietlyAsync(Task wait)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // disposing: the loop condition ends it
        }
    }
}

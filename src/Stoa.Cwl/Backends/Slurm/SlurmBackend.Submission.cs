using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Stoa.Cwl;

/// <summary>A job waiting to be submitted: its description and its control folder (script, exit code, log).</summary>
internal sealed record PendingSubmission(CwlPreparedJob Job, string ControlDirectory)
{
    public TaskCompletionSource<SubmittedJob> Submitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A job Slurm accepted: its id (<c>123</c>, or <c>123_4</c> for an array task) and Slurm's log of it.</summary>
internal sealed record SubmittedJob(string SlurmJobId, string LogPath);

public sealed partial class SlurmBackend
{
    private readonly Lock gatherLock = new();
    private List<PendingSubmission>? gathering;

    private async Task<SubmittedJob> SubmitAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        if (!options.UseJobArrays)
        {
            await SubmitGroupAsync([pending]).ConfigureAwait(false);
        }
        else
        {
            bool first;
            lock (gatherLock)
            {
                first = gathering is null;
                gathering ??= [];
                gathering.Add(pending);
            }

            // The first job of a burst waits for its siblings (the rest of a scatter, which the engine stages one
            // after another): the burst is submitted once no job has joined for a whole gather window, or after
            // twenty windows at most so that a steady trickle still gets going.
            if (first)
            {
                _ = Task.Run(async () =>
                {
                    var deadline = DateTimeOffset.UtcNow + (options.ArrayGatherWindow * 20);
                    var seen = 0;
                    while (DateTimeOffset.UtcNow < deadline)
                    {
                        await Task.Delay(options.ArrayGatherWindow, CancellationToken.None).ConfigureAwait(false);
                        int now;
                        lock (gatherLock)
                        {
                            now = gathering!.Count;
                        }

                        if (now == seen)
                        {
                            break;
                        }

                        seen = now;
                    }

                    List<PendingSubmission> batch;
                    lock (gatherLock)
                    {
                        batch = gathering!;
                        gathering = null;
                    }

                    foreach (var group in batch.GroupBy(HomogeneityKey))
                    {
                        await SubmitGroupAsync([.. group]).ConfigureAwait(false);
                    }
                }, CancellationToken.None);
            }
        }

        return await pending.Submitted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jobs of one step with the same resource needs can share one array submission.</summary>
    private static string HomogeneityKey(PendingSubmission p) => string.Create(CultureInfo.InvariantCulture,
        $"{StepOf(p.Job.Name)}|{p.Job.Cores}|{p.Job.RamMebibytes}|{p.Job.TimeLimit?.TotalSeconds}");

    /// <summary>The step path without a trailing scatter index: <c>main/align/3</c> → <c>main/align</c>.</summary>
    private static string StepOf(string name) => ScatterIndex().Replace(name, string.Empty);

    [GeneratedRegex(@"(/\d+)+$")]
    private static partial Regex ScatterIndex();

    private async Task SubmitGroupAsync(IReadOnlyList<PendingSubmission> group)
    {
        var first = group[0].Job;
        var arguments = new List<string> { "--parsable", "--job-name", StepOf(first.Name) };
        arguments.AddRange(["--cpus-per-task", first.Cores.ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["--mem", first.RamMebibytes.ToString(CultureInfo.InvariantCulture) + "M"]);
        if (first.TimeLimit is { } limit)
        {
            // The script's own `timeout` enforces the limit to the second; Slurm's (whole minutes, checked about
            // every 30 s) is only the backstop, so give it a minute more.
            arguments.AddRange(["--time", ((long)Math.Ceiling(limit.TotalMinutes) + 1).ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.Partition is { } partition)
        {
            arguments.AddRange(["--partition", partition]);
        }

        if (options.Account is { } account)
        {
            arguments.AddRange(["--account", account]);
        }

        if (options.Qos is { } qos)
        {
            arguments.AddRange(["--qos", qos]);
        }

        arguments.AddRange(options.ExtraSbatchArguments);

        try
        {
            await SubmitGroupCoreAsync(group, arguments).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SlurmLog.Refused(logger, StepOf(group[0].Job.Name), e.Message);
            // Whatever went wrong (sbatch refused, scripts unwritable), every job of the group must hear of it:
            // nobody may wait for a submission that never happened.
            foreach (var p in group)
            {
                p.Submitted.TrySetException(e);
            }
        }
    }

    private async Task SubmitGroupCoreAsync(IReadOnlyList<PendingSubmission> group, List<string> arguments)
    {
        var first = group[0].Job;
        string script;
        Func<string, int, SubmittedJob> describe;
        if (group.Count == 1)
        {
            var log = Path.Combine(group[0].ControlDirectory, "slurm.out");
            arguments.AddRange(["--output", log, "--error", log]);
            script = Path.Combine(group[0].ControlDirectory, "job.sh");
            describe = (id, _) => new SubmittedJob(id, log);
        }
        else
        {
            var arrayDirectory = Path.Combine(options.ControlDirectory, string.Create(CultureInfo.InvariantCulture,
                $"array-{Interlocked.Increment(ref submissionCounter)}"));
            Directory.CreateDirectory(arrayDirectory);
            script = SlurmBatchScript.WriteArrayScript(arrayDirectory, [.. group.Select(p => p.ControlDirectory)]);
            var logPattern = Path.Combine(arrayDirectory, "slurm-%a.out");
            arguments.AddRange(["--array", string.Create(CultureInfo.InvariantCulture, $"0-{group.Count - 1}"), "--output", logPattern, "--error", logPattern]);
            describe = (id, i) => new SubmittedJob(string.Create(CultureInfo.InvariantCulture, $"{id}_{i}"),
                Path.Combine(arrayDirectory, string.Create(CultureInfo.InvariantCulture, $"slurm-{i}.out")));
        }

        arguments.Add(script);
        var result = await cli.RunAsync("sbatch", arguments, disposing.Token).ConfigureAwait(false);
        // --parsable prints "jobid" or "jobid;cluster".
        var id = result.Stdout.Trim().Split(';')[0];
        if (result.ExitCode != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw new SlurmJobFailedException(
                $"sbatch refused '{StepOf(first.Name)}' (exit {result.ExitCode}): {result.Stderr.Trim()}"
                + " — is slurmctld running and the request possible on this cluster?");
        }

        if (group.Count == 1)
        {
            SlurmLog.Submitted(logger, id, StepOf(first.Name), first.JobId);
        }
        else
        {
            SlurmLog.SubmittedArray(logger, id, StepOf(first.Name), group.Count, group.Count - 1);
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Submitted.TrySetResult(describe(id, i));
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Stoa.Cwl;

/// <summary>
/// Runs CWL jobs as Slurm batch jobs: each prepared job becomes a generated batch script submitted with
/// <c>sbatch</c>; homogeneous jobs arriving together (a scatter) become one job array; every job in flight is
/// watched with one <c>squeue</c> call per poll; cancellation uses <c>scancel</c>. Jobs lost with their node or
/// pre-empted are submitted again up to <see cref="SlurmBackendOptions.MaxRetries"/> times.
/// </summary>
/// <remarks>
/// The submit host and the nodes must share the file system holding the job directories, the output directory
/// and <see cref="SlurmBackendOptions.ControlDirectory"/>. A job is reported as having run only when its own
/// batch script recorded the tool's exit code there: a job Slurm calls finished without that record fails.
/// </remarks>
public sealed partial class SlurmBackend : ICwlExecutionBackend, IAsyncDisposable
{
    private readonly SlurmBackendOptions options;
    private readonly SlurmCommandRunner cli;
    private readonly ILogger logger;
    private readonly CancellationTokenSource disposing = new();
    private int submissionCounter;

    /// <summary>Creates a backend; nothing is submitted until a job arrives.</summary>
    /// <param name="options">Where scripts and logs go, partition, account, retries, polling.</param>
    public SlurmBackend(SlurmBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ControlDirectory);
        this.options = options with { ControlDirectory = Path.GetFullPath(options.ControlDirectory) };
        cli = new SlurmCommandRunner(options.SlurmBinDirectory);
        logger = options.LoggerFactory?.CreateLogger(SlurmLog.Category) ?? NullLogger.Instance;
        Directory.CreateDirectory(this.options.ControlDirectory);
    }

    /// <summary>How many <c>sbatch</c> submissions were made (a job array counts once).</summary>
    public int Submissions => cli.Submissions;

    /// <summary>How many Slurm client calls were made in all (submissions, polls, cancellations).</summary>
    public int SchedulerCalls => cli.SchedulerCalls;

    /// <inheritdoc />
    /// <exception cref="SlurmJobFailedException">Slurm refused the job, lost it after every retry, or it ran out of memory.</exception>
    public async Task<CwlJobExecution> ExecuteAsync(CwlPreparedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        for (var attempt = 1; ; attempt++)
        {
            var control = Path.Combine(options.ControlDirectory, string.Create(CultureInfo.InvariantCulture,
                $"{SafeName(job.JobId)}-{Interlocked.Increment(ref submissionCounter)}-try{attempt}"));
            Directory.CreateDirectory(control);
            SlurmBatchScript.WriteJobScript(job, control);

            var submitted = await SubmitAsync(new PendingSubmission(job, control), cancellationToken).ConfigureAwait(false);
            SlurmFinalState final;
            using (cancellationToken.Register(() => _ = CancelQuietlyAsync(submitted.SlurmJobId)))
            {
                final = await WatchAsync(submitted.SlurmJobId, control, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var outcome = SlurmJobState.Classify(final.State);
            var exitCode = ReadExitCode(control);
            SlurmLog.JobEnded(logger, submitted.SlurmJobId, job.Name, final.State, exitCode);
            switch (outcome)
            {
                case SlurmOutcome.Ran when exitCode is { } code:
                    return new CwlJobExecution(code, job.TimeLimit is not null && code == SlurmBatchScript.TimeoutExitCode,
                        ReadTime(control, SlurmBatchScript.StartedFile), ReadTime(control, SlurmBatchScript.FinishedFile));
                case SlurmOutcome.TimedOut:
                    return new CwlJobExecution(exitCode ?? SlurmBatchScript.TimeoutExitCode, true,
                        ReadTime(control, SlurmBatchScript.StartedFile), ReadTime(control, SlurmBatchScript.FinishedFile));
                case SlurmOutcome.Retry when attempt <= options.MaxRetries:
                    SlurmLog.Resubmitting(logger, submitted.SlurmJobId, job.Name, final.State, attempt);
                    continue;
                case SlurmOutcome.Ran:
                    throw Failure(job, submitted, final, "ended without recording the tool's exit code (the batch script did not run to its end)");
                case SlurmOutcome.Retry:
                    throw Failure(job, submitted, final, $"was lost {attempt} times (node failure or pre-emption); giving up after {options.MaxRetries} retries");
                default:
                    throw Failure(job, submitted, final, final.State == "OUT_OF_MEMORY" ? "ran out of memory" : "did not complete");
            }
        }
    }

    /// <summary>Stops watching and cancels every job still in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposing.IsCancellationRequested)
        {
            return;
        }

        await disposing.CancelAsync().ConfigureAwait(false);
        foreach (var id in InFlightIds())
        {
            await CancelQuietlyAsync(id).ConfigureAwait(false);
        }

        disposing.Dispose();
    }

    private SlurmJobFailedException Failure(CwlPreparedJob job, SubmittedJob submitted, SlurmFinalState final, string what)
    {
        var failure = new SlurmJobFailedException($"Slurm job {submitted.SlurmJobId} for '{job.Name}' {what}: state {final.State}"
               + (string.IsNullOrEmpty(final.Reason) || final.Reason == "None" ? string.Empty : $" ({final.Reason})")
               + $"; Slurm log: {submitted.LogPath}; job stderr: {job.StderrPath}",
            submitted.SlurmJobId, final.State, submitted.LogPath);
        SlurmLog.JobFailed(logger, failure.Message);
        return failure;
    }

    private static int? ReadExitCode(string control)
    {
        var path = Path.Combine(control, SlurmBatchScript.ExitCodeFile);
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    private static DateTimeOffset ReadTime(string control, string file)
    {
        var path = Path.Combine(control, file);
        if (File.Exists(path) && double.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        return DateTimeOffset.UtcNow;
    }

    private static string SafeName(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return new string(chars, 0, Math.Min(chars.Length, 60));
    }

    private async Task CancelQuietlyAsync(string slurmJobId)
    {
        try
        {
            await cli.RunAsync("scancel", [slurmJobId], CancellationToken.None).ConfigureAwait(false);
        }
        catch (SlurmJobFailedException)
        {
            // Cancelling is best effort; the watcher still reports how the job ended.
        }
    }
}

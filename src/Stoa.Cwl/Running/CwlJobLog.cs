using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Stoa.Cwl.Running;

/// <summary>
/// What a run writes to its logger (<see cref="CwlEngineOptions.LoggerFactory"/>, category <c>Stoa.Cwl</c>), one
/// event id each. It watches the job events the engine publishes anyway, so logging adds no code path of its own.
/// </summary>
internal sealed partial class CwlJobLog
{
    /// <summary>The category every engine message is logged under.</summary>
    public const string Category = "Stoa.Cwl";

    private readonly ILogger logger;

    // When each job started (or was queued, for one that failed before starting), to report its duration at the end.
    private readonly ConcurrentDictionary<string, DateTimeOffset> since = new(StringComparer.Ordinal);

    public CwlJobLog(ILogger logger)
    {
        this.logger = logger;
    }

    /// <summary>Logs one job event; <paramref name="runStopping"/> says the run is being cancelled or stopped by another failure.</summary>
    public void Observe(CwlJobEvent e, bool runStopping)
    {
        switch (e.State)
        {
            case CwlJobState.Queued:
                since[e.JobId] = e.TimestampUtc;
                break;
            case CwlJobState.Started:
                since[e.JobId] = e.TimestampUtc;
                JobStarted(e.JobId, e.Name);
                break;
            case CwlJobState.Finished:
                JobFinished(e.JobId, e.Name, e.ExitCode, Took(e));
                break;
            case CwlJobState.Failed when runStopping:
                // Killed because the caller cancelled or another job failed first: that one was logged as the failure.
                JobCancelled(e.JobId, e.Name, Took(e));
                break;
            case CwlJobState.Failed:
                JobFailed(e.JobId, e.Name, e.ExitCode, Took(e), e.Message ?? "no message");
                break;
            case CwlJobState.Skipped:
                JobSkipped(e.JobId, e.Name);
                break;
        }
    }

    /// <summary>Logs how a run ended and hands its result on.</summary>
    public CwlRunResult Ended(CwlRunResult result)
    {
        var took = result.FinishedUtc - result.StartedUtc;
        if (result.Status == CwlJobStatus.Success)
        {
            RunEnded(result.ProcessId, result.Status, result.Jobs.Count, took);
        }
        else
        {
            RunFailed(result.ProcessId, result.Status, result.Jobs.Count, took, result.Message ?? "no message");
        }

        return result;
    }

    private TimeSpan Took(CwlJobEvent e) => since.TryRemove(e.JobId, out var from) ? e.TimestampUtc - from : TimeSpan.Zero;

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{JobId} {Name}: started")]
    private partial void JobStarted(string jobId, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{JobId} {Name}: finished, exit code {ExitCode}, in {Duration}")]
    private partial void JobFinished(string jobId, string name, int? exitCode, TimeSpan duration);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{JobId} {Name}: failed, exit code {ExitCode}, after {Duration}: {Error}")]
    private partial void JobFailed(string jobId, string name, int? exitCode, TimeSpan duration, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "{JobId} {Name}: cancelled after {Duration}")]
    private partial void JobCancelled(string jobId, string name, TimeSpan duration);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{JobId} {Name}: skipped (its when condition is false)")]
    private partial void JobSkipped(string jobId, string name);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "run of {Process} started")]
    public partial void RunStarted(string process);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "run of {Process}: {Status}, {Jobs} job(s) in {Duration}")]
    private partial void RunEnded(string process, CwlJobStatus status, int jobs, TimeSpan duration);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "run of {Process}: {Status}, {Jobs} job(s) in {Duration}: {Error}")]
    private partial void RunFailed(string process, CwlJobStatus status, int jobs, TimeSpan duration, string error);
}

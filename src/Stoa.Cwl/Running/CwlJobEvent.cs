namespace Stoa.Cwl;

/// <summary>The states a job passes through, as reported by <see cref="CwlEngine.JobEvent"/>.</summary>
public enum CwlJobState
{
    /// <summary>Its inputs are ready and it waits for a slot.</summary>
    Queued,

    /// <summary>Its process started.</summary>
    Started,

    /// <summary>It ended successfully and its outputs were collected.</summary>
    Finished,

    /// <summary>It failed (exit code, time limit, expression or output error) or was cancelled.</summary>
    Failed,

    /// <summary>Its step's <c>when</c> condition was false.</summary>
    Skipped,
}

/// <summary>A change of a job's state, with UTC time, for progress displays and provenance.</summary>
public sealed class CwlJobEvent : EventArgs
{
    /// <summary>Creates an event.</summary>
    /// <param name="jobId">The job id, unique within the run.</param>
    /// <param name="name">The step path or tool id.</param>
    /// <param name="state">The new state.</param>
    /// <param name="timestampUtc">When the state changed (UTC).</param>
    public CwlJobEvent(string jobId, string name, CwlJobState state, DateTimeOffset timestampUtc)
    {
        JobId = jobId;
        Name = name;
        State = state;
        TimestampUtc = timestampUtc;
    }

    /// <summary>The job id, unique within the run.</summary>
    public string JobId { get; }

    /// <summary>The step path (e.g. <c>main/align/3</c>) or the tool id.</summary>
    public string Name { get; }

    /// <summary>The new state.</summary>
    public CwlJobState State { get; }

    /// <summary>When the state changed (UTC).</summary>
    public DateTimeOffset TimestampUtc { get; }

    /// <summary>The exit code, for Finished and Failed events of jobs that ran a process.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The job's standard output file, once known.</summary>
    public string? StdoutPath { get; init; }

    /// <summary>The job's standard error file, once known.</summary>
    public string? StderrPath { get; init; }

    /// <summary>A short explanation for Failed events.</summary>
    public string? Message { get; init; }
}

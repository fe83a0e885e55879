namespace Stoa.Cwl;

/// <summary>How a job ended on its backend.</summary>
/// <param name="ExitCode">The process exit code (128 + signal when killed by a signal).</param>
/// <param name="TimedOut">True when the time limit killed the job.</param>
/// <param name="StartedUtc">When the process started (UTC).</param>
/// <param name="FinishedUtc">When the process ended (UTC).</param>
public sealed record CwlJobExecution(int ExitCode, bool TimedOut, DateTimeOffset StartedUtc, DateTimeOffset FinishedUtc);

namespace Stoa.Cwl;

/// <summary>
/// A job ended on Slurm in a way that is not the tool's own exit code: out of memory, lost with its node after
/// every retry, cancelled by someone else, or it left no exit code; or Slurm refused or lost the submission.
/// </summary>
public sealed class SlurmJobFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the job, the Slurm state and the log path.</param>
    /// <param name="slurmJobId">The Slurm job id (<c>123</c> or <c>123_4</c> for an array task), or null if never submitted.</param>
    /// <param name="state">The Slurm job state, e.g. <c>OUT_OF_MEMORY</c>, or null.</param>
    /// <param name="logPath">Slurm's own log of the batch script, or null.</param>
    public SlurmJobFailedException(string message, string? slurmJobId = null, string? state = null, string? logPath = null)
        : base(message)
    {
        SlurmJobId = slurmJobId;
        State = state;
        LogPath = logPath;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="inner">The cause.</param>
    public SlurmJobFailedException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The Slurm job id, or null.</summary>
    public string? SlurmJobId { get; }

    /// <summary>The Slurm state the job ended in, or null.</summary>
    public string? State { get; }

    /// <summary>Slurm's log of the batch script, or null.</summary>
    public string? LogPath { get; }
}

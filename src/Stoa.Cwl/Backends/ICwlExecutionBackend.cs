namespace Stoa.Cwl;

/// <summary>
/// Runs one prepared job: a process with its command line, environment, working directory and standard streams.
/// The engine does everything CWL-specific (staging, command line, outputs); a backend only executes. Local
/// processes are <see cref="LocalProcessBackend"/>; cluster schedulers implement this interface elsewhere.
/// </summary>
public interface ICwlExecutionBackend
{
    /// <summary>Runs the job to completion, or until <paramref name="cancellationToken"/> fires or the job's time limit passes.</summary>
    /// <param name="job">The self-contained job description.</param>
    /// <param name="cancellationToken">Cancels the job; the backend must kill the whole process tree.</param>
    /// <returns>How the job ended.</returns>
    Task<CwlJobExecution> ExecuteAsync(CwlPreparedJob job, CancellationToken cancellationToken);
}

namespace Stoa.Cwl;

/// <summary>The outcome of one Slurm client command.</summary>
internal readonly record struct SlurmCommandResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the Slurm client programs (<c>sbatch</c>, <c>squeue</c>, <c>scancel</c>) and counts the calls.</summary>
internal sealed class SlurmCommandRunner(string? binDirectory)
{
    private int submissions;
    private int schedulerCalls;

    /// <summary>How many <c>sbatch</c> calls were made.</summary>
    public int Submissions => Volatile.Read(ref submissions);

    /// <summary>How many Slurm client calls of any kind were made.</summary>
    public int SchedulerCalls => Volatile.Read(ref schedulerCalls);

    public async Task<SlurmCommandResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref schedulerCalls);
        if (program == "sbatch")
        {
            Interlocked.Increment(ref submissions);
        }

        try
        {
            var (code, stdout, stderr) = await ClientProgram.RunAsync(binDirectory is null ? program : Path.Combine(binDirectory, program), arguments, cancellationToken).ConfigureAwait(false);
            return new SlurmCommandResult(code, stdout, stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SlurmJobFailedException(
                $"Could not run '{program}': {e.Message}. Is Slurm's client installed and on PATH (or SlurmBackendOptions.SlurmBinDirectory set)?", e);
        }
    }
}

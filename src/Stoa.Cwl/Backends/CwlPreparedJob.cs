namespace Stoa.Cwl;

/// <summary>
/// A job ready to run, self-contained so that any backend (local, Slurm) can execute it: all paths absolute and
/// already staged on a file system the backend can see.
/// </summary>
public sealed record CwlPreparedJob
{
    /// <summary>Unique id of the job within its run, e.g. <c>job-12</c>.</summary>
    public required string JobId { get; init; }

    /// <summary>Human-readable name: the step path (e.g. <c>main/align/3</c>) or the tool's id.</summary>
    public required string Name { get; init; }

    /// <summary>The program and its arguments (argv); never interpreted by a shell unless it is one.</summary>
    public required IReadOnlyList<string> CommandLine { get; init; }

    /// <summary>The complete environment of the process (nothing else is inherited).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The working directory: CWL's <c>runtime.outdir</c>.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The job's temporary directory: CWL's <c>runtime.tmpdir</c>.</summary>
    public required string TempDirectory { get; init; }

    /// <summary>File to read standard input from, or null for an empty stdin.</summary>
    public string? StdinPath { get; init; }

    /// <summary>File to write standard output to.</summary>
    public required string StdoutPath { get; init; }

    /// <summary>File to write standard error to.</summary>
    public required string StderrPath { get; init; }

    /// <summary>CPU cores reserved (CWL <c>runtime.cores</c>). Default 1.</summary>
    public int Cores { get; init; } = 1;

    /// <summary>Memory reserved, in mebibytes (CWL <c>runtime.ram</c>). Default 256.</summary>
    public long RamMebibytes { get; init; } = 256;

    /// <summary>Wall-time limit (ToolTimeLimit), or null for none; the backend kills the process tree when it passes.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Whether the job may use the network (NetworkAccess). Local processes are not restricted.</summary>
    public bool NetworkAccess { get; init; }
}

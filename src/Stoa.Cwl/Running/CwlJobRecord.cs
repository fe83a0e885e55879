using System.Text.Json.Nodes;

namespace Stoa.Cwl;

/// <summary>How a job or run ended.</summary>
public enum CwlJobStatus
{
    /// <summary>Completed; outputs collected.</summary>
    Success,

    /// <summary>Failed and would fail again (exit code, expression, output or validation error).</summary>
    PermanentFailure,

    /// <summary>Failed with one of the tool's <c>temporaryFailCodes</c>; a retry may succeed.</summary>
    TemporaryFailure,

    /// <summary>Not run: its <c>when</c> condition was false.</summary>
    Skipped,

    /// <summary>Stopped by cancellation or because another job failed first.</summary>
    Cancelled,
}

/// <summary>
/// The record of one job of a run (a tool invocation, an expression evaluation or a skipped step), for
/// provenance: what ran, with which inputs, what it produced, when, and where its logs are.
/// </summary>
public sealed record CwlJobRecord
{
    /// <summary>The job id, unique within the run.</summary>
    public required string JobId { get; init; }

    /// <summary>The step path (e.g. <c>main/align/3</c>) or the tool's short id for a single tool run.</summary>
    public required string Name { get; init; }

    /// <summary>The id of the process that ran (document path plus fragment).</summary>
    public required string ProcessId { get; init; }

    /// <summary>The process class: CommandLineTool or ExpressionTool.</summary>
    public required string ProcessClass { get; init; }

    /// <summary>The job's input object.</summary>
    public required JsonObject Inputs { get; init; }

    /// <summary>The job's output object (locations as they were in the job directory), or null on failure.</summary>
    public JsonObject? Outputs { get; init; }

    /// <summary>The command line (argv) for CommandLineTool jobs; empty otherwise.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>
    /// The container image the job ran in, as <c>name@id</c> (e.g. <c>docker.io/debian:stable-slim@sha256:…</c>,
    /// the id being the digest of the image's configuration), or null when it ran on the host.
    /// </summary>
    public string? ContainerImage { get; init; }

    /// <summary>The job's working directory (its <c>runtime.outdir</c>), or null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The file holding the job's standard output, or null.</summary>
    public string? StdoutPath { get; init; }

    /// <summary>The file holding the job's standard error, or null.</summary>
    public string? StderrPath { get; init; }

    /// <summary>The process exit code, or null when no process ran.</summary>
    public int? ExitCode { get; init; }

    /// <summary>How the job ended.</summary>
    public required CwlJobStatus Status { get; init; }

    /// <summary>Why the job failed, or null.</summary>
    public string? Message { get; init; }

    /// <summary>When the job became ready to run (UTC).</summary>
    public required DateTimeOffset QueuedUtc { get; init; }

    /// <summary>When the job started (UTC).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the job ended (UTC).</summary>
    public required DateTimeOffset FinishedUtc { get; init; }
}

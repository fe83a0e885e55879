using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage;

/// <summary>A table as stored: its workflow definition (JSON), current workflow hash, key columns and row template.</summary>
internal sealed record TableRecord(long TableId, string Name, string DefinitionJson, string WorkflowHash, IReadOnlyList<string> KeyColumns, string TemplateJson);

/// <summary>
/// The inputs of a row to insert or replace, already validated and hashed, with the files they name (tracked
/// for changes on disk) and, when the row's identity changes, why.
/// </summary>
internal sealed record RowInputs(string InputsJson, string InputHash, string? KeyText, IReadOnlyList<TrackedFile> Files, string? Reason = null);

/// <summary>A file or directory a table depends on: its path, stat fingerprint and content digest when last read.</summary>
internal sealed record TrackedFile(string Path, string Fingerprint, string Digest);

/// <summary>What a tracked file is to its table.</summary>
internal enum TrackedRole
{
    /// <summary>An input File or Directory of one or more rows.</summary>
    Input = 0,

    /// <summary>A file of the workflow the table is bound to.</summary>
    Workflow = 1,
}

/// <summary>A row as stored, with every hidden system field.</summary>
internal sealed record RowRecord(
    long RowId,
    RowStatus Status,
    string InputsJson,
    string InputHash,
    string? KeyText,
    string? OutputsJson,
    string? OutputHash,
    string? ResultInputHash,
    string? ResultWorkflowHash,
    string? RunId,
    int Attempts,
    string? Error,
    string? LogLocation,
    DateTime? QueuedUtc,
    DateTime? StartedUtc,
    DateTime? FinishedUtc,
    string? ReasonsJson = null);

/// <summary>What happened to a run; persisted as its number.</summary>
internal enum RunState
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
    Cancelled = 3,
    /// <summary>The row's inputs or the workflow changed while it ran: its result was thrown away.</summary>
    Superseded = 4,
    /// <summary>The process died while it ran (found at the next open).</summary>
    Interrupted = 5,
}

/// <summary>One run of one row, kept as history for provenance.</summary>
internal sealed record RunRecord(string RunId, long RowId, int Attempt, string InputHash, string WorkflowHash, RunState State, DateTime StartedUtc, DateTime? FinishedUtc, string? Error, string? OutputHash, string? LogLocation);

/// <summary>A started run: what the executor must compute and what its result will be checked against.</summary>
internal sealed record RunTicket(long TableId, long RowId, string RunId, int Attempt, string InputsJson, string InputHash, string WorkflowHash);

/// <summary>How a run ended, as the executor reported it (outputs already in the output store).</summary>
internal sealed record RunResult(bool Succeeded, string? OutputsJson, string? OutputHash, string? Error, string? LogLocation);

/// <summary>The effect of a workflow change.</summary>
internal readonly record struct WorkflowChangeCounts(long MarkedStale, long Revalidated);

/// <summary>What the open-time recovery found.</summary>
internal readonly record struct RecoveryCounts(long RowsReset, long RunsInterrupted);

/// <summary>A table brought in whole from a bundle: created with its rows, results and links in one transaction, or not at all.</summary>
internal sealed record ImportedTable(
    string Name,
    string DefinitionJson,
    string WorkflowHash,
    IReadOnlyList<string> KeyColumns,
    string TemplateJson,
    IReadOnlyList<ImportedRow> Rows,
    IReadOnlyList<(long ParentTableId, string SpecJson)> Links,
    string? Owner,
    string Origin,
    IReadOnlyList<TrackedFile>? WorkflowFiles = null);

/// <summary>A row to import; <see cref="Result"/> is set when its outputs were computed elsewhere and come with it.</summary>
internal sealed record ImportedRow(RowInputs Inputs, ImportedResult? Result);

/// <summary>Outputs computed before the import (already in the output store), recorded as one Succeeded run.</summary>
internal sealed record ImportedResult(string OutputsJson, string OutputHash);

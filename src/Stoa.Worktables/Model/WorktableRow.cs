using System.Text.Json.Nodes;

namespace Stoa.Worktables.Model;

/// <summary>
/// A snapshot of one row: its cells and its hidden system fields. Reading a row never changes it; the
/// <see cref="JsonNode"/> cell values are private copies.
/// </summary>
public sealed class WorktableRow
{
    internal WorktableRow(long rowId, IReadOnlyDictionary<string, JsonNode?> inputs, IReadOnlyDictionary<string, JsonNode?> outputs)
    {
        RowId = rowId;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The row id, unique in the project and never reused.</summary>
    public long RowId { get; }

    /// <summary>Input cells by column name (CWL job values: numbers, strings, File objects…); empty cells are absent.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Inputs { get; }

    /// <summary>Output cells of the last successful run (File locations point into the project's output store).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Outputs { get; }

    /// <summary>The row status.</summary>
    public RowStatus Status { get; internal init; }

    /// <summary>SHA-256 (hex) of the canonical inputs with File/Directory contents instead of paths.</summary>
    public string InputHash { get; internal init; } = "";

    /// <summary>SHA-256 (hex) of the workflow that produced <see cref="Outputs"/>; <see langword="null"/> before the first success.</summary>
    public string? WorkflowHash { get; internal init; }

    /// <summary>SHA-256 (hex) of the canonical outputs; <see langword="null"/> before the first success.</summary>
    public string? OutputHash { get; internal init; }

    /// <summary>When the row was last queued (UTC).</summary>
    public DateTime? QueuedUtc { get; internal init; }

    /// <summary>When its last run started (UTC).</summary>
    public DateTime? StartedUtc { get; internal init; }

    /// <summary>When its last run finished (UTC).</summary>
    public DateTime? FinishedUtc { get; internal init; }

    /// <summary>How many runs were started for this row, including interrupted ones.</summary>
    public int Attempts { get; internal init; }

    /// <summary>The error of the last failed run, or why it was interrupted.</summary>
    public string? Error { get; internal init; }

    /// <summary>Where the log of the last run is, when the executor kept one.</summary>
    public string? LogLocation { get; internal init; }

    /// <summary>The id of the last run (for provenance); <see langword="null"/> before the first run.</summary>
    public string? RunId { get; internal init; }

    /// <summary>
    /// Why the row needs a run, oldest first (e.g. <c>input f changed (sha1 ab12… → 9f3c…)</c>, <c>workflow file
    /// tools/find.cwl changed</c>, <c>parent row fields/2 changed</c>); empty once it has run successfully.
    /// </summary>
    public IReadOnlyList<string> Reasons { get; internal init; } = [];

    /// <summary>The value of an input or output cell, or <see langword="null"/> when empty.</summary>
    /// <param name="column">The column name.</param>
    public JsonNode? this[string column] =>
        Inputs.TryGetValue(column, out var v) ? v?.DeepClone() : Outputs.TryGetValue(column, out var o) ? o?.DeepClone() : null;
}

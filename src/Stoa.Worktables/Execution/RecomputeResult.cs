namespace Stoa.Worktables.Execution;

/// <summary>What a recompute did.</summary>
/// <param name="Planned">Rows this recompute claimed to run (the minimal set: identity changed, never run, or failed/cancelled; a recompute of the same table running at the same time in another process takes its own share).</param>
/// <param name="Succeeded">Rows whose outputs were written.</param>
/// <param name="Failed">Rows whose run failed.</param>
/// <param name="Superseded">Rows edited or deleted during the recompute: left Pending with their new inputs (or gone).</param>
public sealed record RecomputeResult(long Planned, long Succeeded, long Failed, long Superseded)
{
    /// <summary>The table that was recomputed.</summary>
    /// <value>The table's name; empty only for a result made by hand.</value>
    public string Table { get; init; } = string.Empty;

    /// <summary>
    /// The rows that started a run, in the order they started, each with its status when the recompute ended
    /// (<see cref="Model.RowStatus.Succeeded"/>, <see cref="Model.RowStatus.Failed"/>, <see cref="Model.RowStatus.Cancelled"/>,
    /// or <see cref="Model.RowStatus.Pending"/> when an edit superseded the run). Rows planned but never started are not listed.
    /// </summary>
    public IReadOnlyList<RecomputedRow> Rows { get; init; } = [];
}

using Stoa.Worktables.Model;

namespace Stoa.Worktables.Execution;

/// <summary>A progress event of a recompute: one row started or ended.</summary>
/// <param name="RowId">The row.</param>
/// <param name="Status">Its status after the event (Running when it started).</param>
/// <param name="Finished">Rows of this recompute that have ended so far.</param>
/// <param name="Planned">Rows this recompute planned.</param>
public sealed record RecomputeProgress(long RowId, RowStatus Status, long Finished, long Planned)
{
    /// <summary>The table the row belongs to (one progress sink may watch several tables, as in <see cref="WorktableProject.RecomputeAllAsync(RecomputeOptions?, CancellationToken)"/>).</summary>
    /// <value>The table's name; empty only for an event made by hand.</value>
    public string Table { get; init; } = string.Empty;
}

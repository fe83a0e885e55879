using Stoa.Worktables.Model;

namespace Stoa.Worktables.Execution;

/// <summary>A progress event of a recompute: one row started or ended.</summary>
/// <param name="RowId">The row.</param>
/// <param name="Status">Its status after the event (Running when it started).</param>
/// <param name="Finished">Rows of this recompute that have ended so far.</param>
/// <param name="Planned">Rows this recompute planned.</param>
public sealed record RecomputeProgress(long RowId, RowStatus Status, long Finished, long Planned);

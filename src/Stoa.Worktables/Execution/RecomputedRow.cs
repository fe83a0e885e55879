using Stoa.Worktables.Model;

namespace Stoa.Worktables.Execution;

/// <summary>A row that started a run in a recompute, with how that run ended.</summary>
/// <param name="RowId">The row.</param>
/// <param name="Status">Its status when the recompute ended.</param>
public sealed record RecomputedRow(long RowId, RowStatus Status);

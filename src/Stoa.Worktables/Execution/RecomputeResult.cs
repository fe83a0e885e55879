namespace Stoa.Worktables.Execution;

/// <summary>What a recompute did.</summary>
/// <param name="Planned">Rows this recompute claimed to run (the minimal set: identity changed, never run, or failed/cancelled; a recompute of the same table running at the same time in another process takes its own share).</param>
/// <param name="Succeeded">Rows whose outputs were written.</param>
/// <param name="Failed">Rows whose run failed.</param>
/// <param name="Superseded">Rows edited or deleted during the recompute: left Pending with their new inputs (or gone).</param>
public sealed record RecomputeResult(long Planned, long Succeeded, long Failed, long Superseded);

namespace Stoa.Worktables.Model;

/// <summary>
/// The persisted status of a row. The numeric values are stored in projects and never change.
/// Legal moves: Pending → Queued → Running → Succeeded | Failed | Cancelled; Succeeded → Stale when inputs, the
/// workflow or an upstream row change; an edit during a run sends the row back to Pending.
/// </summary>
public enum RowStatus
{
    /// <summary>Inputs new or changed and no valid outputs: needs a run.</summary>
    Pending = 0,
    /// <summary>Planned by a recompute, waiting for an executor slot.</summary>
    Queued = 1,
    /// <summary>An executor is running it now.</summary>
    Running = 2,
    /// <summary>Outputs present and computed from exactly the current inputs and workflow.</summary>
    Succeeded = 3,
    /// <summary>The last run failed; <see cref="WorktableRow.Error"/> says why.</summary>
    Failed = 4,
    /// <summary>The last run was cancelled before it finished; nothing of it was written.</summary>
    Cancelled = 5,
    /// <summary>Outputs exist but were computed from other inputs, another workflow or other upstream rows.</summary>
    Stale = 6,
}

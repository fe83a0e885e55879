namespace Stoa.Worktables.Tracking;

/// <summary>What one check of a table's files against the disk found and did (<see cref="Worktable.CheckFiles"/>).</summary>
public sealed record FileCheckResult
{
    /// <summary>Tracked files and directories stat'ed (inputs and workflow files).</summary>
    public long FilesChecked { get; init; }

    /// <summary>Files read again because their fingerprint moved (a touch reads a file but changes no row).</summary>
    public long FilesRead { get; init; }

    /// <summary>Rows whose identity changed or that were made Stale by this check, in id order.</summary>
    public IReadOnlyList<long> RowsChanged { get; init; } = [];

    /// <summary>Input files or directories that are missing, unreadable or not regular files now.</summary>
    public IReadOnlyList<string> MissingFiles { get; init; } = [];

    /// <summary>Workflow files (relative to the document) whose content changed; the table was rebound when the columns stayed the same.</summary>
    public IReadOnlyList<string> ChangedWorkflowFiles { get; init; } = [];

    /// <summary>Container images whose id changed (rebuilt or re-tagged under the same name); the table was rebound to the new ids.</summary>
    public IReadOnlyList<string> ChangedContainerImages { get; init; } = [];

    /// <summary>A workflow change the table did not take over (columns changed, or it no longer loads); null when none.</summary>
    public WorkflowInterfaceChange? PendingWorkflowChange { get; init; }
}

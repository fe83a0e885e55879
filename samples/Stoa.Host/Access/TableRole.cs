namespace Stoa.Host.Access;

/// <summary>The three roles a user can hold on a worktable (issue 7 moves them into Stoa.Worktables).</summary>
internal enum TableRole
{
    /// <summary>Read-only view and export.</summary>
    Reader = 0,

    /// <summary>Reader, plus flag rows and comment; cannot change inputs or run.</summary>
    Collaborator = 1,

    /// <summary>Everything: edit inputs, run, share.</summary>
    Owner = 2,
}

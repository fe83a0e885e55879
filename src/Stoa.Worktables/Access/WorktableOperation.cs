namespace Stoa.Worktables.Access;

/// <summary>What a user asks to do to a worktable; each is allowed or denied by <see cref="WorktableRole"/>.</summary>
public enum WorktableOperation
{
    /// <summary>Read rows, columns, flags and comments (Reader and up).</summary>
    Read = 0,

    /// <summary>Export the table to a file format (Reader and up).</summary>
    Export = 1,

    /// <summary>Set or clear a row flag (Collaborator and up).</summary>
    Flag = 2,

    /// <summary>Comment on a row (Collaborator and up).</summary>
    Comment = 3,

    /// <summary>Add rows (Owner).</summary>
    AddRows = 4,

    /// <summary>Edit input cells (Owner).</summary>
    EditInputs = 5,

    /// <summary>Delete rows (Owner).</summary>
    DeleteRows = 6,

    /// <summary>Recompute the table (Owner).</summary>
    Run = 7,

    /// <summary>Change the workflow, column metadata or row template (Owner).</summary>
    EditSchema = 8,

    /// <summary>Grant or revoke roles (Owner).</summary>
    Share = 9,

    /// <summary>Delete the table (Owner).</summary>
    DeleteTable = 11,

    /// <summary>Declare a link into this table from a parent table (Owner of this table, and Reader of the parent).</summary>
    Link = 12,

    /// <summary>Publish the table to the Virtual Observatory (anonymous TAP and cone search) or withdraw it (Owner).</summary>
    Publish = 13,
}

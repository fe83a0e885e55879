namespace Stoa.Worktables.Access;

/// <summary>The role a user holds on one worktable. Higher roles include everything lower ones may do.</summary>
public enum WorktableRole
{
    /// <summary>Read-only view and export.</summary>
    Reader = 0,

    /// <summary>Reader, plus flag rows and comment on them; cannot change inputs, schema or links, nor run.</summary>
    Collaborator = 1,

    /// <summary>Everything: edit schema, inputs and links, run, share and delete the table.</summary>
    Owner = 2,
}

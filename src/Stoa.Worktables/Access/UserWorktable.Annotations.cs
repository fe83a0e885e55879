using Stoa.Worktables.Annotations;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Access;

public sealed partial class UserWorktable
{
    /// <summary>Sets a flag on a row (Collaborator and up), e.g. <c>suspect</c> or <c>good</c>. Kept in the flag history.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag: any non-empty label.</param>
    /// <exception cref="AccessDeniedException">The user may not flag rows.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public void SetFlag(long rowId, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Demand(WorktableOperation.Flag).AddFlag(rowId, label, true, User);
    }

    /// <summary>Clears a flag on a row (Collaborator and up). Kept in the flag history.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag.</param>
    /// <exception cref="AccessDeniedException">The user may not flag rows.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public void ClearFlag(long rowId, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Demand(WorktableOperation.Flag).AddFlag(rowId, label, false, User);
    }

    /// <summary>The flags set on a row now, each with who set it and when (Read).</summary>
    /// <param name="rowId">The row.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<RowFlag> Flags(long rowId) => Demand(WorktableOperation.Read).Flags(rowId);

    /// <summary>Every flag set and clear on a row, oldest first (Read).</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<RowFlag> FlagHistory(long? rowId = null) => Demand(WorktableOperation.Read).FlagHistory(rowId);

    /// <summary>Adds a comment to a row (Collaborator and up). Comments are never edited or removed, except with their row.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="text">The comment; not empty.</param>
    /// <returns>The stored comment with its author and time.</returns>
    /// <exception cref="AccessDeniedException">The user may not comment.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public RowComment AddComment(long rowId, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Demand(WorktableOperation.Comment).AddComment(rowId, text, User);
    }

    /// <summary>The comments on a row, oldest first (Read).</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<RowComment> Comments(long? rowId = null) => Demand(WorktableOperation.Read).Comments(rowId);
}

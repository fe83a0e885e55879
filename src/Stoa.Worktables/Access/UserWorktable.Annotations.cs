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
    public void SetFlag(long rowId, string label) => AddFlag(rowId, label, true);

    /// <summary>Clears a flag on a row (Collaborator and up). Kept in the flag history.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag.</param>
    /// <exception cref="AccessDeniedException">The user may not flag rows.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public void ClearFlag(long rowId, string label) => AddFlag(rowId, label, false);

    /// <summary>The flags set on a row now, each with who set it and when (Read).</summary>
    /// <param name="rowId">The row.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<RowFlag> Flags(long rowId) =>
        [.. FlagHistory(rowId).GroupBy(f => f.Label, StringComparer.Ordinal).Select(g => g.Last()).Where(f => f.IsSet)];

    /// <summary>Every flag set and clear on a row, oldest first (Read).</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<RowFlag> FlagHistory(long? rowId = null)
    {
        var t = Demand(WorktableOperation.Read);
        return t.Project.AccessStore.FlagHistory(t.TableId, rowId);
    }

    /// <summary>Adds a comment to a row (Collaborator and up). Comments are never edited or removed, except with their row.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="text">The comment; not empty.</param>
    /// <returns>The stored comment with its author and time.</returns>
    /// <exception cref="AccessDeniedException">The user may not comment.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public RowComment AddComment(long rowId, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var t = Demand(WorktableOperation.Comment);
        return Rethrow(rowId, () => t.Project.AccessStore.AddComment(t.TableId, rowId, User, DateTime.UtcNow, text));
    }

    /// <summary>The comments on a row, oldest first (Read).</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<RowComment> Comments(long? rowId = null)
    {
        var t = Demand(WorktableOperation.Read);
        return t.Project.AccessStore.Comments(t.TableId, rowId);
    }

    private void AddFlag(long rowId, string label, bool set)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var t = Demand(WorktableOperation.Flag);
        Rethrow(rowId, () =>
        {
            t.Project.AccessStore.AddFlag(t.TableId, new RowFlag(rowId, label, set, User, DateTime.UtcNow));
            return 0;
        });
    }

    private T Rethrow<T>(long rowId, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (KeyNotFoundException)
        {
            throw new KeyNotFoundException($"table '{Name}': no row {rowId}.");
        }
    }
}

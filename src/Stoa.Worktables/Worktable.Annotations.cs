using Stoa.Worktables.Annotations;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// The author of flags and comments made with administrator access (no acting user): the operating-system
    /// account of this process, i.e. whoever holds the project file.
    /// </summary>
    internal static string AdministratorName => Environment.UserName is { Length: > 0 } name ? name : "administrator";

    /// <summary>Sets a flag on a row, e.g. <c>suspect</c> or <c>good</c>, authored by the operating-system user. No role is checked.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag: any non-empty label.</param>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public void SetFlag(long rowId, string label) => AddFlag(rowId, label, true, AdministratorName);

    /// <summary>Clears a flag on a row, authored by the operating-system user. No role is checked.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag.</param>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public void ClearFlag(long rowId, string label) => AddFlag(rowId, label, false, AdministratorName);

    /// <summary>The flags set on a row now, each with who set it and when.</summary>
    /// <param name="rowId">The row.</param>
    public IReadOnlyList<RowFlag> Flags(long rowId) =>
        [.. FlagHistory(rowId).GroupBy(f => f.Label, StringComparer.Ordinal).Select(g => g.Last()).Where(f => f.IsSet)];

    /// <summary>Every flag set and clear, oldest first.</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    public IReadOnlyList<RowFlag> FlagHistory(long? rowId = null) => Project.AccessStore.FlagHistory(TableId, rowId);

    /// <summary>Adds a comment to a row, authored by the operating-system user. No role is checked.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="text">The comment; not empty.</param>
    /// <returns>The stored comment with its author and time.</returns>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public RowComment AddComment(long rowId, string text) => AddComment(rowId, text, AdministratorName);

    /// <summary>The comments, oldest first.</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    public IReadOnlyList<RowComment> Comments(long? rowId = null) => Project.AccessStore.Comments(TableId, rowId);

    internal void AddFlag(long rowId, string label, bool set, string author)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        NamingRow(rowId, () =>
        {
            Project.AccessStore.AddFlag(TableId, new RowFlag(rowId, label, set, author, DateTime.UtcNow));
            return 0;
        });
    }

    internal RowComment AddComment(long rowId, string text, string author)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return NamingRow(rowId, () => Project.AccessStore.AddComment(TableId, rowId, author, DateTime.UtcNow, text));
    }

    /// <summary>The store's "no such row" said with the table and row the caller named.</summary>
    private T NamingRow<T>(long rowId, Func<T> work)
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

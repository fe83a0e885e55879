namespace Stoa.Worktables.Changes;

/// <summary>
/// Rows of one table that changed in the project store — added, edited, deleted, or moved to another status by a
/// recompute — by this or any other process (see <see cref="WorktableProject.WatchChangesAsync"/>).
/// </summary>
/// <param name="Table">The table name.</param>
/// <param name="RowIds">The rows that changed, ascending, each once. A deleted row is listed; reading it finds no row.</param>
public sealed record ProjectChange(string Table, IReadOnlyList<long> RowIds);

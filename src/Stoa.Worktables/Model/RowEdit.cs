namespace Stoa.Worktables.Model;

/// <summary>New values for some input cells of one row, for <see cref="Worktable.SetCells"/>.</summary>
/// <param name="RowId">The row.</param>
/// <param name="Changes">New values by input column name (CLR values, <see cref="System.Text.Json.Nodes.JsonNode"/>s, <see cref="FileInfo"/>…); <see langword="null"/> empties an optional cell.</param>
public sealed record RowEdit(long RowId, IReadOnlyDictionary<string, object?> Changes);

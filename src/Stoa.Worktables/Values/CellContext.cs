using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Values;

/// <summary>
/// Where a cell value comes from, so an error can name the row and column, and relative paths resolve. When
/// <see cref="Confinement"/> is set, a File or Directory must lie inside it (a bundle's outputs come only from the
/// bundle), whether or not it exists, so a cell cannot reach or probe files elsewhere on the importing machine.
/// </summary>
internal readonly record struct CellContext(RowReference Row, string Column, string BaseDirectory, string? Confinement = null);

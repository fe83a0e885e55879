using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Values;

/// <summary>Where a cell value comes from, so an error can name the row and column, and relative paths resolve.</summary>
internal readonly record struct CellContext(RowReference Row, string Column, string BaseDirectory);

using Stoa.Worktables.Export;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>A column a query can read: its name, how its values are typed, and its VO metadata.</summary>
internal sealed record AdqlColumn(string Name, ExportKind Kind, string? Unit = null, string? Ucd = null, string? Description = null);

/// <summary>
/// A table a query can name in <c>FROM</c>: a published worktable or one of TAP_SCHEMA's. Cells are <see langword="null"/>,
/// <see cref="long"/> (int and long columns), <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.
/// </summary>
internal sealed record AdqlTable(string Schema, string Name, IReadOnlyList<AdqlColumn> Columns, Func<IEnumerable<object?[]>> Rows, string? Description = null);

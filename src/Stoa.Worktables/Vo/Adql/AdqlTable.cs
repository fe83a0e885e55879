using Stoa.Worktables.Export;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>A column a query can read: its name, how its values are typed, and its VO metadata.</summary>
internal sealed record AdqlColumn(string Name, ExportKind Kind, string? Unit = null, string? Ucd = null, string? Description = null);

/// <summary>
/// A table a query can name in <c>FROM</c>: a published worktable or one of TAP_SCHEMA's. Cells are <see langword="null"/>,
/// <see cref="long"/> (int and long columns), <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.
/// </summary>
/// <remarks>
/// <see cref="Cone"/>, when there is one, gives for (RA column, Dec column, RA, Dec, radius in degrees) a superset
/// of the rows within the cone (read through a sky index), or null when it cannot help; the evaluator still makes
/// the exact test.
/// </remarks>
internal sealed record AdqlTable(string Schema, string Name, IReadOnlyList<AdqlColumn> Columns, Func<IEnumerable<object?[]>> Rows, string? Description = null)
{
    public Func<string, string, double, double, double, IEnumerable<object?[]>?>? Cone { get; init; }
}

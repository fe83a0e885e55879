using Stoa.Worktables.Export;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>A result column: name, type and the metadata it carries over from the table column it reads.</summary>
internal sealed record ResultColumn(string Name, ExportKind Kind, string? Unit, string? Ucd, string? Description);

/// <summary>The rows a query returned (cells typed as in <see cref="AdqlTable"/>), and whether MAXREC cut them short.</summary>
internal sealed record AdqlResult(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]> Rows, bool Overflow);

using System.Globalization;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Bundles;

/// <summary>
/// The table.txt layout the original STOA (<c>worktable.py</c>) writes: a first column <c>__bindex__</c> and type
/// codes <c>X_Y</c> — X is <c>I</c> (input), <c>O</c> (output) or <c>K</c> (key: an input copied from a parent
/// table; <c>__bindex__</c> itself is <c>K_int</c>), Y is <c>int</c>/<c>unique</c>, <c>float</c>, <c>str</c> or
/// <c>file</c>. A run whose outputs are lists is written as one physical row per list element, all with the batch
/// index of the input row they came from and its inputs repeated; consecutive rows with one batch index are one
/// row here, whose outputs are arrays (or, for a CWL <c>stdout</c> output, which STOA split into lines, the file of
/// those lines). Without <c>tracking.txt</c> STOA reads every row as COMPLETE.
/// </summary>
internal static class WtxStoaLayout
{
    public const string BatchIndex = "__bindex__";

    /// <summary>Whether the table was written by STOA: its first column is the batch index.</summary>
    public static bool Applies(WtxTableFile file) => file.Columns.Count > 0 && file.Columns[0].Name == BatchIndex;

    public static bool IsBatchIndex(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>The role letter and type family of a STOA type code, or null when <paramref name="type"/> is not one.</summary>
    public static (char Role, string Family)? Code(string? type) =>
        type is { Length: > 2 } t && t[1] == '_' && t[0] is 'I' or 'O' or 'K' && Families.Contains(t[2..]) ? (t[0], t[2..]) : null;

    /// <summary>Whether a STOA type code fits a workflow column: its role, and its family for the column's (item) type.</summary>
    public static bool Matches((char Role, string Family) code, ColumnDefinition column)
    {
        if ((code.Role == 'O') != (column.Role == ColumnRole.Output))
        {
            return false;
        }

        var type = column.Type.Kind == ColumnTypeKind.Array && column.Type.Items is { } items ? items : column.Type;
        return code.Family switch
        {
            "int" or "unique" => type.Kind is ColumnTypeKind.Int or ColumnTypeKind.Long,
            "float" => type.Kind is ColumnTypeKind.Float or ColumnTypeKind.Double,
            "str" => type.Kind is ColumnTypeKind.String or ColumnTypeKind.Enum || IsStdoutLines(code, column),
            "file" => type.Kind is ColumnTypeKind.File or ColumnTypeKind.Directory,
            _ => false,
        };
    }

    /// <summary>An output STOA wrote as text lines where the workflow has a File: a CWL <c>stdout</c> output, which STOA split into its lines.</summary>
    public static bool IsStdoutLines((char Role, string Family)? code, ColumnDefinition column) =>
        code is ('O', "str") && column.Type.Kind == ColumnTypeKind.File;

    /// <summary>Consecutive physical rows with one batch index: one input row each.</summary>
    /// <exception cref="Errors.WtxFormatException">A batch index that is not a whole number.</exception>
    public static List<List<WtxRow>> Groups(WtxText text, WtxTableFile file)
    {
        var groups = new List<List<WtxRow>>();
        string? last = null;
        foreach (var row in file.Rows)
        {
            var index = row.Cells[0];
            if (!IsBatchIndex(index))
            {
                throw text.Error(row.Line, BatchIndex, $"'{index ?? "-"}' is not a batch index (a whole number).");
            }

            if (index != last || groups.Count == 0)
            {
                groups.Add([]);
                last = index;
            }

            groups[^1].Add(row);
        }

        return groups;
    }

    private static readonly string[] Families = ["int", "unique", "float", "str", "file"];
}

using Stoa.Fits;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Export;

/// <summary>
/// A worktable as a FITS file: an empty primary HDU and one binary table (<c>EXTNAME</c> = table name) written
/// through Stoa.Fits. <c>TTYPEn</c> is the column name, <c>TUNITn</c> its unit and <c>TUCDn</c> its UCD (the
/// Stoa.Fits convention). Types: int → <c>J</c>, long → <c>K</c>, float → <c>E</c>, double → <c>D</c>,
/// boolean → <c>L</c>, string/enum → <c>A</c> as wide as the longest value, File/Directory → their location as
/// <c>A</c>; numeric arrays whose cells all have the same length → a fixed-width vector (<c>nJ</c>, <c>nD</c>…);
/// anything else (records, <c>Any</c>, arrays of varying length or of non-numbers) → its compact JSON text.
/// Empty cells: <c>TNULLn</c> for integers (a value not otherwise used in the column), NaN for floats, the
/// FITS logical null (0x00) for booleans, and an empty string for text (FITS has no null string; astropy masks
/// empty strings). An empty vector cell is all nulls.
/// </summary>
/// <remarks>The binary table is assembled in memory before writing (its row count heads the file), column by
/// column as typed arrays; rows are read from the store twice (once to measure, once to fill).</remarks>
internal static class FitsExport
{
    public static void Write(Worktable table, Stream stream, bool includeSystemFields)
    {
        var columns = ExportSchema.Build(table.Columns, table.Rows(), includeSystemFields);
        foreach (var c in columns)
        {
            if (c.FirstNonFits is { } bad)
            {
                // Refused here, with row and column, rather than by Stoa.Fits' argument check deep in the writer.
                var ch = bad.Value.First(ch => ch is < ' ' or > '~');
                throw new CellException(RowReference.Existing(bad.RowId), c.Name, bad.Value, !char.IsControl(ch)
                    ? $"FITS text columns hold printable ASCII only; U+{(int)ch:X4} cannot be exported to FITS (use VOTable)."
                    : $"FITS text columns hold printable ASCII only; the control character U+{(int)ch:X4} cannot be exported to FITS (use CSV or JSON).");
            }
        }

        var rows = table.Rows().ToList();
        var hdu = FitsTable.Create(columns.Select(c => Column(c, rows)));
        hdu.Name = table.Name;
        FitsFile.Write(stream, [hdu]);
    }

    /// <summary>One FITS column from the rows, for use by other exports of row subsets too.</summary>
    internal static FitsColumn Column(ExportColumn c, IReadOnlyList<WorktableRow> rows)
    {
        var n = Math.Max(1, c.Length);
        var vector = c.Length > 0;
        switch (c.Kind)
        {
            case ExportKind.Boolean:
                return new FitsColumn(c.Name, rows.Select(c.Boolean).ToArray()) { Unit = c.Unit, Ucd = c.Ucd };
            case ExportKind.Int:
            case ExportKind.Long:
                {
                    var values = new long?[rows.Count * n];
                    for (var r = 0; r < rows.Count; r++)
                    {
                        var empty = c.IsNull(rows[r]);
                        for (var k = 0; k < n; k++)
                        {
                            values[(r * n) + k] = empty ? null : c.Integer(rows[r], vector ? k : -1);
                        }
                    }

                    var hasNull = values.Any(v => v is null);
                    if (c.Kind == ExportKind.Int)
                    {
                        long? tnull = hasNull ? UnusedValue(values, int.MinValue) : null;
                        Array data = hasNull ? Array.ConvertAll(values, v => (int?)v) : Array.ConvertAll(values, v => (int)v!.Value);
                        return new FitsColumn(c.Name, data, vector ? n : 0) { Unit = c.Unit, Ucd = c.Ucd, NullValue = tnull };
                    }
                    else
                    {
                        long? tnull = hasNull ? UnusedValue(values, long.MinValue) : null;
                        Array data = hasNull ? values : Array.ConvertAll(values, v => v!.Value);
                        return new FitsColumn(c.Name, data, vector ? n : 0) { Unit = c.Unit, Ucd = c.Ucd, NullValue = tnull };
                    }
                }

            case ExportKind.Float:
            case ExportKind.Double:
                {
                    var values = new double[rows.Count * n];
                    for (var r = 0; r < rows.Count; r++)
                    {
                        var empty = c.IsNull(rows[r]);
                        for (var k = 0; k < n; k++)
                        {
                            values[(r * n) + k] = empty ? double.NaN : c.Real(rows[r], vector ? k : -1) ?? double.NaN;
                        }
                    }

                    Array data = c.Kind == ExportKind.Float ? Array.ConvertAll(values, v => (float)v) : values;
                    return new FitsColumn(c.Name, data, vector ? n : 0) { Unit = c.Unit, Ucd = c.Ucd };
                }

            default:
                return new FitsColumn(c.Name, rows.Select(r => c.Text(r) ?? "").ToArray(), Math.Max(1, c.MaxChars)) { Unit = c.Unit, Ucd = c.Ucd };
        }
    }

    /// <summary>The type's minimum, or the next value up that the column does not use: TNULL must not be a real value.</summary>
    private static long UnusedValue(long?[] values, long start)
    {
        var used = values.Where(v => v is not null).Select(v => v!.Value).ToHashSet();
        var candidate = start;
        while (used.Contains(candidate))
        {
            candidate++;
        }

        return candidate;
    }
}

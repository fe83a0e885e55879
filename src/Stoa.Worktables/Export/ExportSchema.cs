using System.Globalization;
using System.Text.Json.Nodes;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Export;

/// <summary>How a column is stored in a typed table format (FITS binary table, VOTable).</summary>
internal enum ExportKind
{
    /// <summary>A logical: FITS <c>L</c>, VOTable <c>boolean</c>.</summary>
    Boolean,

    /// <summary>32-bit integer: FITS <c>J</c>, VOTable <c>int</c>.</summary>
    Int,

    /// <summary>64-bit integer: FITS <c>K</c>, VOTable <c>long</c>.</summary>
    Long,

    /// <summary>Single precision: FITS <c>E</c>, VOTable <c>float</c>.</summary>
    Float,

    /// <summary>Double precision: FITS <c>D</c>, VOTable <c>double</c>.</summary>
    Double,

    /// <summary>Text: FITS <c>A</c> (ASCII), VOTable <c>char</c> or <c>unicodeChar</c> with <c>arraysize="*"</c>.</summary>
    Text,
}

/// <summary>
/// One column of a typed export: its metadata, how it is stored and how to read its cell from a row. A numeric
/// array column whose non-empty cells all have the same length is a fixed-length vector of
/// <see cref="Kind"/> (<see cref="Length"/> &gt; 0); anything else that is not a scalar number, boolean or
/// string (records, <c>Any</c>, arrays of varying length or of non-numbers) is its compact JSON text.
/// </summary>
internal sealed class ExportColumn
{
    public required string Name { get; init; }

    public string? Unit { get; init; }

    public string? Ucd { get; init; }

    public string? Description { get; init; }

    public required ExportKind Kind { get; set; }

    /// <summary>Elements per cell of a vector column; 0 for a scalar column.</summary>
    public int Length { get; set; }

    /// <summary>Whether this is one of the hidden system fields.</summary>
    public bool IsSystem { get; init; }

    /// <summary>Reads the cell (a CWL JSON value, <see langword="null"/> when empty).</summary>
    public required Func<WorktableRow, JsonNode?> Read { get; init; }

    /// <summary>Text columns: the longest value in characters (at least 0).</summary>
    public int MaxChars { get; set; }

    /// <summary>Text columns: the first row holding a non-ASCII character, with that value.</summary>
    public (long RowId, string Value)? FirstNonAscii { get; set; }

    /// <summary>Text columns: the first row holding a character XML 1.0 cannot carry (control characters).</summary>
    public (long RowId, string Value)? FirstNonXml { get; set; }

    /// <summary>Text columns: the first row holding a character FITS text cannot carry (outside printable ASCII, U+0020–U+007E).</summary>
    public (long RowId, string Value)? FirstNonFits { get; set; }

    /// <summary>Updates <see cref="MaxChars"/>, <see cref="FirstNonAscii"/>, <see cref="FirstNonXml"/> and <see cref="FirstNonFits"/> with one row's cell.</summary>
    public void Measure(WorktableRow row)
    {
        if (Text(row) is not { } s)
        {
            return;
        }

        MaxChars = Math.Max(MaxChars, s.Length);
        if (FirstNonAscii is null && !System.Text.Ascii.IsValid(s))
        {
            FirstNonAscii = (row.RowId, s);
        }

        if (FirstNonFits is null && s.Any(ch => ch is < ' ' or > '~'))
        {
            FirstNonFits = (row.RowId, s);
        }

        // XML 1.0 cannot carry C0 control characters other than tab, line feed and carriage return.
        if (FirstNonXml is null && s.Any(ch => ch < 0x20 && ch is not ('\t' or '\n' or '\r')))
        {
            FirstNonXml = (row.RowId, s);
        }
    }

    /// <summary>The cell as text (strings as they are, File/Directory as their location, the rest as JSON).</summary>
    public string? Text(WorktableRow row) => Read(row) is { } v ? CsvExport.Text(v) : null;

    /// <summary>The cell as a boolean.</summary>
    public bool? Boolean(WorktableRow row) => Read(row) is { } v ? v.GetValue<bool>() : null;

    /// <summary>The cell (or, for vectors, element <paramref name="index"/>) as an integer.</summary>
    public long? Integer(WorktableRow row, int index = -1) => Element(row, index) is { } v ? Int64(v) : null;

    /// <summary>The cell (or, for vectors, element <paramref name="index"/>) as a double.</summary>
    public double? Real(WorktableRow row, int index = -1) => Element(row, index) is { } v ? ToDouble(v) : null;

    /// <summary>Whether the cell (a whole vector) is empty.</summary>
    public bool IsNull(WorktableRow row) => Read(row) is null;

    private JsonNode? Element(WorktableRow row, int index)
    {
        var v = Read(row);
        return index < 0 || v is null ? v : v.AsArray()[index];
    }

    private static long Int64(JsonNode v) =>
        v.AsValue().TryGetValue<long>(out var l) ? l : long.Parse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>A JSON number as a double, whatever .NET type backs the node.</summary>
    internal static double ToDouble(JsonNode v) =>
        v.AsValue().TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>
/// The typed columns of a table for FITS and VOTable exports, decided by one streamed pass over the rows: string
/// widths, whether an array column is a fixed-length vector, and which text cannot be stored as ASCII or in XML.
/// </summary>
internal static class ExportSchema
{
    /// <summary>Builds the export columns of <paramref name="columns"/> (plus the hidden fields when asked) in one pass over <paramref name="rows"/>.</summary>
    public static List<ExportColumn> Build(IReadOnlyList<ColumnDefinition> columns, IEnumerable<WorktableRow> rows, bool includeSystemFields)
    {
        var result = new List<ExportColumn>();
        if (includeSystemFields)
        {
            result.AddRange(SystemColumns());
        }

        foreach (var c in columns)
        {
            var name = c.Name;
            result.Add(new ExportColumn
            {
                Name = name,
                Unit = c.Unit,
                Ucd = c.Ucd,
                Description = c.Description,
                Kind = ScalarKind(c.Type),
                Read = r => r[name],
            });
        }

        // Vector candidates: numeric arrays, measured as text too in case their lengths vary.
        var candidates = result.Where(e => columns.Any(c => c.Name == e.Name && IsNumericArray(c)) && !e.IsSystem).ToList();
        var lengths = new int?[candidates.Count];
        var varying = new bool[candidates.Count];
        foreach (var row in rows)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (!varying[i] && candidates[i].Read(row) is JsonArray a)
                {
                    varying[i] = lengths[i] is { } n && n != a.Count;
                    lengths[i] = a.Count;
                }
            }

            foreach (var c in result)
            {
                if (c.Kind == ExportKind.Text)
                {
                    c.Measure(row);
                }
            }
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (!varying[i] && lengths[i] is > 0 and var n)
            {
                var items = columns.First(c => c.Name == candidates[i].Name).Type.Items!;
                candidates[i].Kind = ScalarKind(items);
                candidates[i].Length = n;
            }
        }

        return result;
    }

    /// <summary>Arrays of required numbers: element nulls would need a per-format null value, so <c>int?[]</c> stays JSON text.</summary>
    private static bool IsNumericArray(ColumnDefinition c) =>
        c.Type.Kind == ColumnTypeKind.Array && !c.Type.Items!.IsOptional
        && c.Type.Items.Kind is ColumnTypeKind.Int or ColumnTypeKind.Long or ColumnTypeKind.Float or ColumnTypeKind.Double;

    internal static ExportKind ScalarKind(ColumnType t) => t.Kind switch
    {
        ColumnTypeKind.Boolean => ExportKind.Boolean,
        ColumnTypeKind.Int => ExportKind.Int,
        ColumnTypeKind.Long => ExportKind.Long,
        ColumnTypeKind.Float => ExportKind.Float,
        ColumnTypeKind.Double => ExportKind.Double,
        _ => ExportKind.Text,
    };

    /// <summary>The hidden fields: row id and attempts as integers, the rest as text (times ISO 8601 UTC).</summary>
    private static IEnumerable<ExportColumn> SystemColumns()
    {
        for (var i = 0; i < SystemFields.Names.Length; i++)
        {
            var index = i;
            var name = SystemFields.Names[i];
            var kind = name switch
            {
                "row_id" => ExportKind.Long,
                "attempts" => ExportKind.Int,
                _ => ExportKind.Text,
            };
            yield return new ExportColumn
            {
                Name = name,
                Kind = kind,
                IsSystem = true,
                Ucd = name == "row_id" ? "meta.id" : null,
                Read = kind == ExportKind.Text
                    ? r => SystemFields.Values(r)[index] is { } s ? JsonValue.Create(s) : null
                    : r => JsonNode.Parse(SystemFields.Values(r)[index]!),
            };
        }
    }
}

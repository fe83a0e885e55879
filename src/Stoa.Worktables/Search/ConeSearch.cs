using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Search;

/// <summary>
/// IVOA Simple Cone Search over a worktable: the rows within <c>SR</c> degrees of (<c>RA</c>, <c>DEC</c>), nearest
/// first, as a VOTable with an extra distance column (<c>pos.angDistance</c>, deg). Rows with an empty position are
/// never matched. Only the matching rows are held in memory (to sort them).
/// </summary>
internal static class ConeSearch
{
    public static int Write(Worktable table, Stream stream, double ra, double dec, double sr, ConeSearchOptions options)
    {
        Validate(ra, dec, sr);
        var columns = table.Columns;
        var raColumn = Position(table, columns, options.RaColumn, "pos.eq.ra", nameof(options.RaColumn));
        var decColumn = Position(table, columns, options.DecColumn, "pos.eq.dec", nameof(options.DecColumn));
        var matches = new List<(WorktableRow Row, double Distance)>();
        foreach (var row in SkyIndex.Candidates(table, raColumn, decColumn, ra, dec, sr))
        {
            if (Number(row[raColumn]) is not { } rowRa || Number(row[decColumn]) is not { } rowDec)
            {
                continue;
            }

            var distance = SkyDistance.Degrees(ra, dec, rowRa, rowDec);
            // SR = 180 is the whole sky, whatever the last bit of the antipode's distance.
            if (distance <= sr || sr >= 180)
            {
                matches.Add((row, distance));
            }
        }

        matches.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Row.RowId.CompareTo(b.Row.RowId));
        var rows = matches.Select(m => m.Row).ToList();
        var distances = matches.ToDictionary(m => m.Row.RowId, m => m.Distance);
        var export = ExportSchema.Build(columns, rows, options.IncludeSystemFields);
        var name = "distance";
        while (export.Any(c => c.Name == name))
        {
            name = "_" + name;
        }

        export.Add(new ExportColumn
        {
            Name = name,
            Kind = ExportKind.Double,
            Unit = "deg",
            Ucd = "pos.angDistance",
            Description = "Angular distance from the cone centre (RA, DEC)",
            Read = r => JsonValue.Create(distances[r.RowId]),
        });
        VoTableExport.Write(stream, table.Name, export, rows, options.Serialization, [("QUERY_STATUS", "OK")]);
        return rows.Count;
    }

    /// <summary>The IVOA Simple Cone Search ranges, in degrees; NaN is out of every range.</summary>
    internal static void Validate(double ra, double dec, double sr)
    {
        if (RangeError(ra, dec, sr) is { } error)
        {
            throw new ArgumentOutOfRangeException(error.Parameter, error.Value, error.Message);
        }
    }

    /// <summary>The first of RA, DEC, SR out of its range (its name, value and why), or null when all are in range.</summary>
    internal static (string Parameter, double Value, string Message)? RangeError(double ra, double dec, double sr) =>
        !(ra is >= 0 and <= 360) ? (nameof(ra), ra, "RA must be between 0 and 360 degrees (IVOA Simple Cone Search).")
        : !(dec is >= -90 and <= 90) ? (nameof(dec), dec, "DEC must be between -90 and 90 degrees (IVOA Simple Cone Search).")
        : !(sr is >= 0 and <= 180) ? (nameof(sr), sr, "SR must be between 0 and 180 degrees (IVOA Simple Cone Search).")
        : null;

    /// <summary>The named column, or the first numeric column with the UCD (<c>meta.main</c> preferred).</summary>
    internal static string Position(Worktable table, IReadOnlyList<ColumnDefinition> columns, string? named, string ucd, string option)
    {
        if (named is not null)
        {
            var c = columns.FirstOrDefault(c => c.Name == named)
                ?? throw new WorktableException($"table '{table.Name}': no column '{named}' (ConeSearchOptions.{option}).");
            return IsNumber(c.Type)
                ? c.Name
                : throw new WorktableException($"table '{table.Name}': column '{named}' is {c.Type}, not a number of degrees (ConeSearchOptions.{option}).");
        }

        var candidates = columns.Where(c => IsNumber(c.Type) && Words(c.Ucd) is [var primary, ..] && primary == ucd).ToList();
        var chosen = candidates.FirstOrDefault(c => Words(c.Ucd).Contains("meta.main")) ?? candidates.FirstOrDefault();
        return chosen?.Name
            ?? throw new WorktableException($"table '{table.Name}': no numeric column has the UCD {ucd}; set one with SetColumnMetadata or name it in ConeSearchOptions.{option}.");
    }

    private static string[] Words(string? ucd) =>
        ucd is null ? [] : [.. ucd.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant())];

    private static bool IsNumber(ColumnType t) => t.Kind is ColumnTypeKind.Int or ColumnTypeKind.Long or ColumnTypeKind.Float or ColumnTypeKind.Double;

    private static double? Number(JsonNode? v) => v is null ? null : ExportColumn.ToDouble(v);
}

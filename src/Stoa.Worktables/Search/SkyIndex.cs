using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;

namespace Stoa.Worktables.Search;

/// <summary>
/// Reads a cone of a worktable through its sky index (<see cref="SkyZones"/>) instead of every row. The index of a
/// pair of position columns is made at its first cone (one pass in SQL) and then kept by the store's triggers.
/// What comes back is a superset of the cone, never a subset: callers make the exact great-circle test.
/// </summary>
internal static class SkyIndex
{
    /// <summary>
    /// The rows of <paramref name="table"/> that may lie within <paramref name="radius"/> degrees of
    /// (<paramref name="ra"/>, <paramref name="dec"/>) by the two columns, in id order; every row when the cone is
    /// too large for the index to help or the columns cannot be indexed.
    /// </summary>
    public static IEnumerable<WorktableRow> Candidates(Worktable table, string raColumn, string decColumn, double ra, double dec, double radius) =>
        CandidateRecords(table, raColumn, decColumn, ra, dec, radius) is { } records ? records.Select(table.ToRow) : table.Rows();

    /// <summary>As <see cref="Candidates"/>, the stored records, or null for "every row".</summary>
    public static IEnumerable<RowRecord>? CandidateRecords(Worktable table, string raColumn, string decColumn, double ra, double dec, double radius)
    {
        if (SkyZones.Ranges(ra, dec, radius) is not { } ranges || table.Store.EnsureSkyIndex(table.TableId, raColumn, decColumn) is not { } index)
        {
            return null;
        }

        return table.Store.SkyCandidates(index, ra, dec, radius, ranges);
    }

    /// <summary>The RA and Dec columns a cone search uses by default (by UCD), or null when the table has none.</summary>
    public static (string Ra, string Dec)? PositionColumns(Worktable table)
    {
        var columns = table.Columns;
        try
        {
            return (ConeSearch.Position(table, columns, null, "pos.eq.ra", nameof(ConeSearchOptions.RaColumn)),
                ConeSearch.Position(table, columns, null, "pos.eq.dec", nameof(ConeSearchOptions.DecColumn)));
        }
        catch (Errors.WorktableException)
        {
            return null;
        }
    }

    /// <summary>Makes the index of the columns a cone search would use (by UCD), if the table has them, so the first cone is fast too.</summary>
    public static void Prepare(Worktable table)
    {
        if (PositionColumns(table) is var (ra, dec))
        {
            table.Store.EnsureSkyIndex(table.TableId, ra, dec);
        }
    }
}

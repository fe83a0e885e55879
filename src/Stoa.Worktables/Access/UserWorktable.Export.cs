using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;
using Stoa.Worktables.Search;

namespace Stoa.Worktables.Access;

public sealed partial class UserWorktable
{
    /// <summary>Writes the table as CSV (Reader and up): a header line, then one line per row in id order.</summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…) first. Default: no.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    public void ExportCsv(TextWriter writer, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CsvExport.Write(Demand(WorktableOperation.Export), writer, includeSystemFields);
    }

    /// <summary>Writes the table as one JSON document (Reader and up); see <see cref="Worktable.ExportJson"/> for its shape.</summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="options">The optional fields and the layout. Default: none of them, one line.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    public void ExportJson(Stream stream, JsonExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonExport.Write(Demand(WorktableOperation.Export), stream, options ?? new JsonExportOptions());
    }

    /// <summary>Writes the table as a FITS binary table (Reader and up); see <see cref="Worktable.ExportFits"/> for the column mapping.</summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…) first. Default: no.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="CellException">A text cell holds a non-ASCII character (FITS text is ASCII).</exception>
    public void ExportFits(Stream stream, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FitsExport.Write(Demand(WorktableOperation.Export), stream, includeSystemFields);
    }

    /// <summary>Writes the table as a VOTable 1.4 document (Reader and up); see <see cref="Worktable.ExportVoTable"/>.</summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="serialization">How rows are written. Default: <see cref="VoTableSerialization.TableData"/>.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…) first. Default: no.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="CellException">A text cell holds a control character XML cannot carry.</exception>
    public void ExportVoTable(Stream stream, VoTableSerialization serialization = VoTableSerialization.TableData, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        VoTableExport.Write(Demand(WorktableOperation.Export), stream, serialization, includeSystemFields);
    }

    /// <summary>IVOA Simple Cone Search (Reader and up): the rows within <paramref name="sr"/> degrees of the centre as a
    /// VOTable, nearest first, with a <c>distance</c> column; see <see cref="Worktable.ConeSearch"/>.</summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="ra">RA of the centre, degrees, 0 to 360.</param>
    /// <param name="dec">Dec of the centre, degrees, -90 to 90.</param>
    /// <param name="sr">Search radius, degrees, 0 to 180.</param>
    /// <param name="options">Position columns and serialization. Default: found by UCD, TABLEDATA.</param>
    /// <returns>How many rows matched.</returns>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="ArgumentOutOfRangeException">RA, DEC or SR out of range or NaN; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="WorktableException">No position column with the UCD, or a named one missing or not numeric.</exception>
    public int ConeSearch(Stream stream, double ra, double dec, double sr, ConeSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Search.ConeSearch.Write(Demand(WorktableOperation.Export), stream, ra, dec, sr, options ?? new ConeSearchOptions());
    }
}

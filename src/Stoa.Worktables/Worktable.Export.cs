using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;
using Stoa.Worktables.Search;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Writes the table as CSV (RFC 4180): a header line, then one line per row in id order. No role is checked; use
    /// <see cref="Access.UserWorktable.ExportCsv"/> when acting for a user.
    /// </summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…) first. Default: no.</param>
    public void ExportCsv(TextWriter writer, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CsvExport.Write(this, writer, includeSystemFields);
    }

    /// <summary>
    /// Writes the table as one JSON document, the library's JSON table format, streamed row by row:
    /// <c>{"table", "workflow", "workflow_hash", "key": [names], "columns": [{"name", "role" (input|output), "type",
    /// "unit", "ucd", "description"}], "counts": {status: n}, "pending_workflow_change"?, "rows": [{…, "inputs": {column:
    /// value}, "outputs": {column: value}}]}</c>. Cells are the stored CWL job values; outputs are empty until a run
    /// succeeded. Each row also holds the fields <paramref name="options"/> asks for (row id, status, times, hashes;
    /// reasons; error and log). A row's <c>inputs</c> is a job object <see cref="ImportJson"/> reads, and
    /// <see cref="ImportJson"/> also reads this whole document (its rows' inputs). No role is checked; use
    /// <see cref="Access.UserWorktable.ExportJson"/> when acting for a user.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="options">The optional fields and the layout. Default: none of them, one line.</param>
    public void ExportJson(Stream stream, JsonExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonExport.Write(this, stream, options ?? new JsonExportOptions());
    }

    /// <summary>
    /// Writes the table as a FITS file: an empty primary HDU, then one binary table named after the table, with
    /// <c>TTYPEn</c> = column name, <c>TUNITn</c> = unit and the UCD as <c>TUCDn</c>. int → <c>J</c>, long → <c>K</c>,
    /// float → <c>E</c>, double → <c>D</c>, boolean → <c>L</c>, string/enum/File/Directory (location) → <c>A</c> as wide
    /// as the longest value; numeric arrays of one length in every row → a fixed-width vector, other arrays,
    /// records and <c>Any</c> → their JSON text. Empty cells: <c>TNULLn</c> for integers, NaN for floats, the
    /// logical null (0x00) for booleans, an empty string for text. No role is checked; use
    /// <see cref="Access.UserWorktable.ExportFits"/> when acting for a user.
    /// </summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id as <c>K</c>, attempts as <c>J</c>, the rest as text) first. Default: no.</param>
    /// <exception cref="CellException">A text cell holds a non-ASCII character (FITS text is ASCII); names the row and column.</exception>
    public void ExportFits(Stream stream, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FitsExport.Write(this, stream, includeSystemFields);
    }

    /// <summary>
    /// Writes the table as a VOTable 1.4 document (namespace <c>http://www.ivoa.net/xml/VOTable/v1.3</c>,
    /// <c>version="1.4"</c>), streamed row by row: one <c>TABLE</c> named after the table, a <c>FIELD</c> per column with
    /// name, datatype (<c>boolean</c>, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>char</c>/<c>unicodeChar</c>
    /// with <c>arraysize="*"</c>, fixed numeric vectors with <c>arraysize="n"</c>), unit, UCD and the column description
    /// as <c>DESCRIPTION</c>. Columns map as in <see cref="ExportFits"/> (other arrays and records: JSON text). Empty
    /// cells are empty <c>TD</c>s in <see cref="VoTableSerialization.TableData"/> and flagged in the per-row null bitmap
    /// in <see cref="VoTableSerialization.Binary2"/>. No role is checked; use <see cref="Access.UserWorktable.ExportVoTable"/>
    /// when acting for a user.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="serialization">How rows are written. Default: <see cref="VoTableSerialization.TableData"/>.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…) first. Default: no.</param>
    /// <exception cref="CellException">A text cell holds a control character XML cannot carry; names the row and column.</exception>
    public void ExportVoTable(Stream stream, VoTableSerialization serialization = VoTableSerialization.TableData, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        VoTableExport.Write(this, stream, serialization, includeSystemFields);
    }

    /// <summary>
    /// IVOA Simple Cone Search: writes, as a VOTable 1.4 document (see <see cref="ExportVoTable"/>), the rows whose
    /// position lies within <paramref name="sr"/> degrees of (<paramref name="ra"/>, <paramref name="dec"/>), nearest
    /// first, with an extra column <c>distance</c> (UCD <c>pos.angDistance</c>, unit <c>deg</c>; underscores are
    /// prefixed if the table has such a column). The position columns are found by UCD (<c>pos.eq.ra</c> /
    /// <c>pos.eq.dec</c>, <c>meta.main</c> preferred) unless named in <paramref name="options"/>; rows with an empty
    /// position never match. Distances are great circles (Vincenty form: exact near 0 and 180 degrees, across RA 0/360
    /// and at the poles). No role is checked; use <see cref="Access.UserWorktable.ConeSearch"/> when acting for a user.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="ra">RA of the centre, degrees (ICRS), 0 to 360.</param>
    /// <param name="dec">Dec of the centre, degrees, -90 to 90.</param>
    /// <param name="sr">Search radius, degrees, 0 to 180 (0: exact position only; 180: every row with a position).</param>
    /// <param name="options">Position columns and serialization. Default: found by UCD, TABLEDATA.</param>
    /// <returns>How many rows matched.</returns>
    /// <exception cref="ArgumentOutOfRangeException">RA, DEC or SR out of range or NaN; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="WorktableException">No position column with the UCD, or a named one missing or not numeric.</exception>
    public int ConeSearch(Stream stream, double ra, double dec, double sr, ConeSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Search.ConeSearch.Write(this, stream, ra, dec, sr, options ?? new ConeSearchOptions());
    }
}

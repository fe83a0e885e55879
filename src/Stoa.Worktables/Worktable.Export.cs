using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;

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
    /// Writes the table as one JSON document: table name, columns with unit/UCD, rows. No role is checked; use
    /// <see cref="Access.UserWorktable.ExportJson"/> when acting for a user.
    /// </summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…). Default: no.</param>
    public void ExportJson(Stream stream, bool includeSystemFields = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonExport.Write(this, stream, includeSystemFields);
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
}

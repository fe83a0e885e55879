using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Export;

/// <summary>
/// A worktable as a VOTable 1.4 document (namespace <c>http://www.ivoa.net/xml/VOTable/v1.3</c>, which 1.4 kept,
/// with <c>version="1.4"</c>): one <c>RESOURCE</c> holding one <c>TABLE</c> named after the table. Each column is a
/// <c>FIELD</c> with name, datatype (<c>boolean</c>, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>; text as
/// <c>char</c>, or <c>unicodeChar</c> when a value is not ASCII, with <c>arraysize="*"</c>; fixed numeric vectors with
/// <c>arraysize="n"</c>), unit, UCD and the column description. The column mapping is the FITS export's
/// (<see cref="ExportSchema"/>). Written with an <see cref="XmlWriter"/> row by row: no whole-table string.
/// </summary>
internal static class VoTableExport
{
    private const string Namespace = "http://www.ivoa.net/xml/VOTable/v1.3";

    /// <summary>Bytes of BINARY2 rows gathered before they are base64-encoded into the stream.</summary>
    private const int ChunkBytes = 48 * 1024;

    public static void Write(Worktable table, Stream stream, VoTableSerialization serialization, bool includeSystemFields)
    {
        var columns = ExportSchema.Build(table.Columns, table.Rows(), includeSystemFields);
        Write(stream, table.Name, columns, table.Rows(), serialization, []);
    }

    /// <summary>Writes <paramref name="rows"/> under <paramref name="columns"/>; <paramref name="infos"/> become <c>INFO</c> elements of the resource.</summary>
    internal static void Write(Stream stream, string tableName, IReadOnlyList<ExportColumn> columns, IEnumerable<WorktableRow> rows,
        VoTableSerialization serialization, IReadOnlyList<(string Name, string Value)> infos)
    {
        if (!Enum.IsDefined(serialization))
        {
            throw new ArgumentOutOfRangeException(nameof(serialization), serialization, "TableData or Binary2");
        }

        foreach (var c in columns)
        {
            if (c.FirstNonXml is { } bad)
            {
                throw new CellException(RowReference.Existing(bad.RowId), c.Name, bad.Value, "the text holds a control character XML 1.0 cannot carry; it cannot be exported to VOTable.");
            }
        }

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };
        using var w = XmlWriter.Create(stream, settings);
        w.WriteStartDocument();
        w.WriteStartElement("VOTABLE", Namespace);
        w.WriteAttributeString("version", "1.4");
        w.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", Namespace + " http://www.ivoa.net/xml/VOTable/VOTable-1.4.xsd");
        w.WriteStartElement("RESOURCE", Namespace);
        w.WriteAttributeString("type", "results");
        foreach (var (name, value) in infos)
        {
            w.WriteStartElement("INFO", Namespace);
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("value", value);
            w.WriteEndElement();
        }

        w.WriteStartElement("TABLE", Namespace);
        w.WriteAttributeString("name", tableName);
        foreach (var c in columns)
        {
            WriteField(w, c);
        }

        w.WriteStartElement("DATA", Namespace);
        if (serialization == VoTableSerialization.TableData)
        {
            WriteTableData(w, columns, rows);
        }
        else
        {
            WriteBinary2(w, columns, rows);
        }

        w.WriteEndElement(); // DATA
        w.WriteEndElement(); // TABLE
        w.WriteEndElement(); // RESOURCE
        w.WriteEndElement(); // VOTABLE
        w.WriteEndDocument();
    }

    private static void WriteField(XmlWriter w, ExportColumn c)
    {
        w.WriteStartElement("FIELD", Namespace);
        w.WriteAttributeString("name", c.Name);
        w.WriteAttributeString("datatype", DataType(c));
        if (c.Kind == ExportKind.Text)
        {
            w.WriteAttributeString("arraysize", "*");
        }
        else if (c.Length > 0)
        {
            w.WriteAttributeString("arraysize", c.Length.ToString(CultureInfo.InvariantCulture));
        }

        if (c.Unit is { } unit)
        {
            w.WriteAttributeString("unit", unit);
        }

        if (c.Ucd is { } ucd)
        {
            w.WriteAttributeString("ucd", ucd);
        }

        if (c.Description is { } description)
        {
            w.WriteElementString("DESCRIPTION", Namespace, description);
        }

        w.WriteEndElement();
    }

    private static string DataType(ExportColumn c) => c.Kind switch
    {
        ExportKind.Boolean => "boolean",
        ExportKind.Int => "int",
        ExportKind.Long => "long",
        ExportKind.Float => "float",
        ExportKind.Double => "double",
        _ => c.FirstNonAscii is null ? "char" : "unicodeChar",
    };

    private static void WriteTableData(XmlWriter w, IReadOnlyList<ExportColumn> columns, IEnumerable<WorktableRow> rows)
    {
        w.WriteStartElement("TABLEDATA", Namespace);
        var cell = new StringBuilder();
        foreach (var row in rows)
        {
            w.WriteStartElement("TR", Namespace);
            foreach (var c in columns)
            {
                cell.Clear();
                if (!c.IsNull(row))
                {
                    AppendText(cell, c, row);
                }

                w.WriteElementString("TD", Namespace, cell.ToString());
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>A non-empty cell as TABLEDATA text: invariant round-trip numbers, T/F, vector elements space-separated.</summary>
    private static void AppendText(StringBuilder sb, ExportColumn c, WorktableRow row)
    {
        var n = Math.Max(1, c.Length);
        for (var k = 0; k < n; k++)
        {
            var index = c.Length > 0 ? k : -1;
            if (k > 0)
            {
                sb.Append(' ');
            }

            switch (c.Kind)
            {
                case ExportKind.Boolean:
                    sb.Append(c.Boolean(row)!.Value ? 'T' : 'F');
                    break;
                case ExportKind.Int or ExportKind.Long:
                    sb.Append(c.Integer(row, index)!.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case ExportKind.Float:
                    sb.Append(((float)c.Real(row, index)!.Value).ToString(CultureInfo.InvariantCulture));
                    break;
                case ExportKind.Double:
                    sb.Append(c.Real(row, index)!.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c.Text(row));
                    break;
            }
        }
    }

    private static void WriteBinary2(XmlWriter w, IReadOnlyList<ExportColumn> columns, IEnumerable<WorktableRow> rows)
    {
        w.WriteStartElement("BINARY2", Namespace);
        w.WriteStartElement("STREAM", Namespace);
        w.WriteAttributeString("encoding", "base64");
        var buffer = new MemoryStream();
        var flags = new byte[(columns.Count + 7) / 8];
        Span<byte> scratch = stackalloc byte[8];
        foreach (var row in rows)
        {
            // The row's null flags lead it: bit 7 of the first byte is the first field.
            Array.Clear(flags);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].IsNull(row))
                {
                    flags[i / 8] |= (byte)(0x80 >> (i % 8));
                }
            }

            buffer.Write(flags);
            foreach (var c in columns)
            {
                WriteBinaryCell(buffer, c, row, scratch);
            }

            if (buffer.Length >= ChunkBytes)
            {
                Flush(w, buffer);
            }
        }

        Flush(w, buffer, final: true);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>Base64-encodes whole 3-byte groups (so chunks join into one valid stream) and keeps the rest.</summary>
    private static void Flush(XmlWriter w, MemoryStream buffer, bool final = false)
    {
        var bytes = buffer.GetBuffer();
        var length = (int)buffer.Length;
        var whole = final ? length : length - (length % 3);
        w.WriteBase64(bytes, 0, whole);
        var rest = bytes.AsSpan(whole, length - whole).ToArray();
        buffer.SetLength(0);
        buffer.Write(rest);
    }

    private static void WriteBinaryCell(MemoryStream buffer, ExportColumn c, WorktableRow row, Span<byte> scratch)
    {
        var isNull = c.IsNull(row);
        if (c.Kind == ExportKind.Text)
        {
            var text = isNull ? "" : c.Text(row)!;
            var unicode = c.FirstNonAscii is not null;
            var bytes = unicode ? Encoding.BigEndianUnicode.GetBytes(text) : Encoding.ASCII.GetBytes(text);
            BinaryPrimitives.WriteInt32BigEndian(scratch, text.Length);
            buffer.Write(scratch[..4]);
            buffer.Write(bytes);
            return;
        }

        if (c.Kind == ExportKind.Boolean)
        {
            buffer.WriteByte(isNull ? (byte)'?' : c.Boolean(row)!.Value ? (byte)'T' : (byte)'F');
            return;
        }

        var n = Math.Max(1, c.Length);
        for (var k = 0; k < n; k++)
        {
            var index = c.Length > 0 ? k : -1;
            switch (c.Kind)
            {
                case ExportKind.Int:
                    BinaryPrimitives.WriteInt32BigEndian(scratch, isNull ? 0 : (int)c.Integer(row, index)!.Value);
                    buffer.Write(scratch[..4]);
                    break;
                case ExportKind.Long:
                    BinaryPrimitives.WriteInt64BigEndian(scratch, isNull ? 0 : c.Integer(row, index)!.Value);
                    buffer.Write(scratch[..8]);
                    break;
                case ExportKind.Float:
                    BinaryPrimitives.WriteSingleBigEndian(scratch, isNull ? float.NaN : (float)c.Real(row, index)!.Value);
                    buffer.Write(scratch[..4]);
                    break;
                default:
                    BinaryPrimitives.WriteDoubleBigEndian(scratch, isNull ? double.NaN : c.Real(row, index)!.Value);
                    buffer.Write(scratch[..8]);
                    break;
            }
        }
    }
}

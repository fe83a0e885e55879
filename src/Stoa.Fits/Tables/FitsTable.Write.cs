using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace Stoa.Fits;

/// <content>Writing a binary table: header, rows in chunks, then the heap of variable-length arrays.</content>
public sealed partial class FitsTable
{
    private sealed record WritePlan(ColumnFormat[] Formats, int[] Offsets, int RowLength, long?[] Nulls, byte[] Heap, long[][] Descriptors);

    internal override void WriteTo(Stream stream, bool primary, bool moreFollow)
    {
        var plan = PlanWrite();
        HeaderWriter.Write(stream, StructuralCards(plan, plan.Heap.Length), Header, HeaderWriter.IsTableGenerated);
        int rowLength = plan.RowLength;
        long total = ((long)rowLength * RowCount) + plan.Heap.Length;
        if (rowLength > 0 && RowCount > 0)
        {
            int rowsPerChunk = Math.Max(1, ChunkBytes / rowLength);
            byte[] chunk = ArrayPool<byte>.Shared.Rent(checked(rowsPerChunk * rowLength));
            try
            {
                for (int start = 0; start < RowCount; start += rowsPerChunk)
                {
                    int n = Math.Min(rowsPerChunk, RowCount - start);
                    var bytes = chunk.AsSpan(0, n * rowLength);
                    for (int c = 0; c < _columns.Count; c++)
                    {
                        Encode(_columns[c], plan, c, bytes, start, n);
                    }

                    stream.Write(bytes);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        stream.Write(plan.Heap);
        HeaderWriter.PadData(stream, total);
    }

    private IEnumerable<FitsCard> StructuralCards(WritePlan plan, long heapLength)
    {
        yield return FitsCard.Create("XTENSION", "BINTABLE", "binary table extension");
        yield return FitsCard.Create("BITPIX", 8L, "8-bit bytes");
        yield return FitsCard.Create("NAXIS", 2L, "2-dimensional binary table");
        yield return FitsCard.Create("NAXIS1", (long)plan.RowLength, "width of table in bytes");
        yield return FitsCard.Create("NAXIS2", (long)RowCount, "number of rows in table");
        yield return FitsCard.Create("PCOUNT", heapLength, "size of special data area");
        yield return FitsCard.Create("GCOUNT", 1L, "one data group");
        yield return FitsCard.Create("TFIELDS", (long)_columns.Count, "number of fields in each row");
        for (int i = 0; i < _columns.Count; i++)
        {
            var c = _columns[i];
            string n = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (c.Name.Length > 0)
            {
                yield return FitsCard.Create("TTYPE" + n, c.Name);
            }

            yield return FitsCard.Create("TFORM" + n, plan.Formats[i].ToString());
            if (c.Unit is { } unit)
            {
                yield return FitsCard.Create("TUNIT" + n, unit);
            }

            if (plan.Nulls[i] is { } tnull)
            {
                yield return FitsCard.Create("TNULL" + n, tnull);
            }

            if (c.Scale != 1)
            {
                yield return FitsCard.Create("TSCAL" + n, c.Scale);
            }

            if (c.Zero != 0)
            {
                yield return FitsCard.CreateExactNumber("TZERO" + n, c.Zero);
            }

            if (c.Display is { } display)
            {
                yield return FitsCard.Create("TDISP" + n, display);
            }

            if (c.Ucd is { } ucd)
            {
                // Not a FITS standard keyword: the UCD (IVOA) is kept as TUCDn, read back by this library.
                yield return FitsCard.Create("TUCD" + n, ucd, "UCD (non-standard keyword)");
            }
        }
    }

    private WritePlan PlanWrite()
    {
        int count = _columns.Count;
        var formats = new ColumnFormat[count];
        var offsets = new int[count];
        var nulls = new long?[count];
        var descriptors = new long[count][];
        using var heap = new MemoryStream();
        long rowLength = 0;
        for (int c = 0; c < count; c++)
        {
            var column = _columns[c];
            offsets[c] = checked((int)rowLength);
            nulls[c] = column.NullValue ?? DefaultNull(column.Data);
            if (column.IsVariableLength)
            {
                var jagged = (Array)column.Data;
                long max = 0;
                descriptors[c] = new long[2 * RowCount];
                for (int r = 0; r < RowCount; r++)
                {
                    var inner = (Array?)jagged.GetValue(r);
                    int n = inner?.Length ?? 0;
                    max = Math.Max(max, n);
                    descriptors[c][2 * r] = n;
                    descriptors[c][(2 * r) + 1] = heap.Length;
                    if (inner is not null)
                    {
                        heap.Write(EncodeHeapArray(column, inner, r));
                    }
                }

                formats[c] = new ColumnFormat(column.Type, 1, 'P', max);
            }
            else
            {
                formats[c] = new ColumnFormat(column.Type, column.Repeat, null, 0);
            }

            rowLength += formats[c].FieldWidth;
        }

        if (heap.Length > int.MaxValue)
        {
            throw new ArgumentException($"the variable-length arrays need {heap.Length} bytes of heap; P descriptors address at most 2 GiB");
        }

        return new WritePlan(formats, offsets, checked((int)rowLength), nulls, heap.ToArray(), descriptors);
    }

    private static long? DefaultNull(Array data) => data switch
    {
        byte?[] => byte.MaxValue,
        short?[] => short.MinValue,
        int?[] => int.MinValue,
        long?[] => long.MinValue,
        _ => null,
    };

    private byte[] EncodeHeapArray(FitsColumn column, Array inner, int row)
    {
        int size = ColumnFormat.SizeOf(column.Type);
        int perElement = column.Type is FitsColumnType.ComplexSingle or FitsColumnType.ComplexDouble ? size / 2 : size;
        if (column.Type == FitsColumnType.Bit)
        {
            var bits = (bool[])inner;
            var packed = new byte[(bits.Length + 7) / 8];
            for (int k = 0; k < bits.Length; k++)
            {
                if (bits[k])
                {
                    packed[k >> 3] |= (byte)(0x80 >> (k & 7));
                }
            }

            return packed;
        }

        if (column.Type == FitsColumnType.Logical)
        {
            var logical = inner as bool?[] ?? Array.ConvertAll((bool[])inner, b => (bool?)b);
            return Array.ConvertAll(logical, b => b is null ? (byte)0 : b.Value ? (byte)'T' : (byte)'F');
        }

        if (inner is not (byte[] or sbyte[] or short[] or ushort[] or int[] or uint[] or long[] or ulong[] or float[] or double[]))
        {
            throw new ArgumentException($"column '{column.Name}', row {row + 1}: variable-length arrays of {inner.GetType().Name} cannot be written");
        }

        byte[] bytes = ArrayBytes.Of(inner).ToArray();
        if (UnsignedArrays.IsUnsigned(inner))
        {
            BigEndian.FlipSignBits(bytes, perElement);
        }

        BigEndian.SwapInPlace(bytes, perElement);
        return bytes;
    }

    private void Encode(FitsColumn column, WritePlan plan, int c, Span<byte> rows, int start, int count)
    {
        int rowLength = plan.RowLength;
        int offset = plan.Offsets[c];
        int repeat = column.Repeat;
        var data = column.Data;
        if (column.IsVariableLength)
        {
            var d = plan.Descriptors[c];
            for (int r = 0; r < count; r++)
            {
                var field = rows.Slice((r * rowLength) + offset, 8);
                BinaryPrimitives.WriteInt32BigEndian(field, (int)d[2 * (start + r)]);
                BinaryPrimitives.WriteInt32BigEndian(field[4..], (int)d[(2 * (start + r)) + 1]);
            }

            return;
        }

        switch (data)
        {
            case string?[] strings:
                for (int r = 0; r < count; r++)
                {
                    var field = rows.Slice((r * rowLength) + offset, repeat);
                    field.Clear();
                    string s = strings[start + r] ?? string.Empty;
                    if (s.Length > repeat)
                    {
                        throw new ArgumentException($"column '{column.Name}', row {start + r + 1}: \"{s}\" is longer than the column width {repeat}");
                    }

                    for (int k = 0; k < s.Length; k++)
                    {
                        char ch = s[k];
                        field[k] = ch is >= ' ' and <= '~'
                            ? (byte)ch
                            : throw new ArgumentException($"column '{column.Name}', row {start + r + 1}: U+{(int)ch:X4} is not printable ASCII");
                    }
                }

                return;
            case bool[] bits when column.Type == FitsColumnType.Bit:
                for (int r = 0; r < count; r++)
                {
                    var field = rows.Slice((r * rowLength) + offset, (repeat + 7) / 8);
                    field.Clear();
                    for (int k = 0; k < repeat; k++)
                    {
                        if (bits[((start + r) * repeat) + k])
                        {
                            field[k >> 3] |= (byte)(0x80 >> (k & 7));
                        }
                    }
                }

                return;
            case bool[] logical:
                EachElement(rows, rowLength, offset, repeat, start, count, 1, (span, i) => span[0] = logical[i] ? (byte)'T' : (byte)'F');
                return;
            case bool?[] logical:
                EachElement(rows, rowLength, offset, repeat, start, count, 1, (span, i) => span[0] = logical[i] is { } b ? b ? (byte)'T' : (byte)'F' : (byte)0);
                return;
            case byte?[] values:
                {
                    byte tnull = (byte)plan.Nulls[c]!.Value;
                    EachElement(rows, rowLength, offset, repeat, start, count, 1, (span, i) => span[0] = values[i] is { } v ? NotNull(v, tnull, column, i) : tnull);
                    return;
                }

            case short?[] values:
                {
                    short tnull = (short)plan.Nulls[c]!.Value;
                    EachElement(rows, rowLength, offset, repeat, start, count, 2, (span, i) => BinaryPrimitives.WriteInt16BigEndian(span, values[i] is { } v ? NotNull(v, tnull, column, i) : tnull));
                    return;
                }

            case int?[] values:
                {
                    int tnull = (int)plan.Nulls[c]!.Value;
                    EachElement(rows, rowLength, offset, repeat, start, count, 4, (span, i) => BinaryPrimitives.WriteInt32BigEndian(span, values[i] is { } v ? NotNull(v, tnull, column, i) : tnull));
                    return;
                }

            case long?[] values:
                {
                    long tnull = plan.Nulls[c]!.Value;
                    EachElement(rows, rowLength, offset, repeat, start, count, 8, (span, i) => BinaryPrimitives.WriteInt64BigEndian(span, values[i] is { } v ? NotNull(v, tnull, column, i) : tnull));
                    return;
                }

            case float?[] values:
                EachElement(rows, rowLength, offset, repeat, start, count, 4, (span, i) => BinaryPrimitives.WriteSingleBigEndian(span, values[i] ?? float.NaN));
                return;
            case double?[] values:
                EachElement(rows, rowLength, offset, repeat, start, count, 8, (span, i) => BinaryPrimitives.WriteDoubleBigEndian(span, values[i] ?? double.NaN));
                return;
        }

        // Plain numeric arrays: copy the row's native bytes, then fix sign bits and byte order in place.
        int size = ColumnFormat.SizeOf(column.Type);
        int component = column.Type == FitsColumnType.ComplexSingle ? 4 : column.Type == FitsColumnType.ComplexDouble ? 8 : size;
        int width = repeat * size;
        var source = ArrayBytes.Of(data);
        bool flip = UnsignedArrays.IsUnsigned(data);
        if (width == component && size > 1)
        {
            // One number per field: sign flip, byte swap and scatter in a single pass.
            FieldGather.ScatterSwapped(source.Slice(start * width, count * width), rows, rowLength, offset, count, size, flip);
            return;
        }

        byte[] scratch = ArrayPool<byte>.Shared.Rent(count * width);
        try
        {
            // Contiguous copy, one vectorised fix-up of sign bits and byte order, then a strided scatter into the rows.
            var block = scratch.AsSpan(0, count * width);
            source.Slice(start * width, count * width).CopyTo(block);
            if (flip)
            {
                BigEndian.FlipSignBits(block, size);
            }

            BigEndian.SwapInPlace(block, component);
            FieldGather.Scatter(block, rows, rowLength, offset, count, width);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static T NotNull<T>(T value, T tnull, FitsColumn column, int index)
        where T : IEquatable<T> =>
        value.Equals(tnull)
            ? throw new ArgumentException($"column '{column.Name}', element {index}: the value {value} equals the column's null value (TNULL); choose another NullValue")
            : value;

    private delegate void ElementWriter(Span<byte> field, int index);

    private static void EachElement(Span<byte> rows, int rowLength, int offset, int repeat, int start, int count, int size, ElementWriter write)
    {
        for (int r = 0; r < count; r++)
        {
            var field = rows.Slice((r * rowLength) + offset, repeat * size);
            for (int k = 0; k < repeat; k++)
            {
                write(field.Slice(k * size, size), ((start + r) * repeat) + k);
            }
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Stoa.Fits;

/// <content>Reading a binary table: the column keywords, then the rows in chunks, then the heap.</content>
public sealed partial class FitsTable
{
    // Rows are read and written in chunks that fit a core's L2 cache (512 KiB on the EPYC this was tuned on), so the
    // one pass per column over a chunk reads cached bytes instead of memory.
    private const int ChunkBytes = 256 << 10;

    internal FitsTable(FitsHeader header, HduLayout layout, DataSource? source, int hdu)
        : base(header)
    {
        _source = source;
        _hdu = hdu;
        _rowLength = layout.Axes[0];
        long rows = layout.Axes[1];
        if (rows > Array.MaxLength)
        {
            throw new FitsFormatException(hdu, null, $"NAXIS2 = {rows} rows exceed the largest .NET array");
        }

        RowCount = (int)rows;
        long fields = header.GetInt64("TFIELDS", -1);
        if (fields is < 0 or > 999)
        {
            throw new FitsFormatException(hdu, Card("TFIELDS"), fields < 0 ? "TFIELDS is missing or not an integer" : $"TFIELDS = {fields} is outside 0-999");
        }

        _columns = new List<FitsColumn>((int)fields);
        long width = 0;
        for (int n = 1; n <= fields; n++)
        {
            if (!header.TryGetString("TFORM" + n, out string tform))
            {
                throw new FitsFormatException(hdu, Card("TFORM" + n), $"TFORM{n} is missing or not a string");
            }

            var format = ColumnFormat.Parse(tform, hdu, Card("TFORM" + n), n);
            width += format.FieldWidth;
            var column = new FitsColumn(this, header.GetString("TTYPE" + n, string.Empty).Trim(), format, RowCount)
            {
                Unit = Optional(header, "TUNIT" + n),
                Ucd = Optional(header, "TUCD" + n),
                Display = Optional(header, "TDISP" + n),
                NullValue = NullOf(header, n, hdu),
                Scale = Number(header, "TSCAL" + n, 1, hdu),
                Zero = Number(header, "TZERO" + n, 0, hdu),
            };
            _columns.Add(column);
        }

        if (width != _rowLength)
        {
            throw new FitsFormatException(hdu, HduLayout.CardNumber(header, 3), $"NAXIS1 = {_rowLength} but the TFORMn fields add up to {width} bytes per row");
        }

        long mainLength = checked(_rowLength * rows);
        _heapOffset = header.GetInt64("THEAP", mainLength);
        if (_heapOffset < mainLength || _heapOffset > layout.DataLength)
        {
            throw new FitsFormatException(hdu, Card("THEAP"), $"THEAP = {_heapOffset} is outside the data area ({mainLength}-{layout.DataLength} bytes)");
        }

        HeapLength = layout.DataLength - _heapOffset;

        int Card(string keyword) => HduLayout.CardNumber(header, header.IndexOf(keyword) is var i and >= 0 ? i : header.Count);
    }

    private long HeapLength { get; }

    internal void Load()
    {
        lock (_loadGate)
        {
            if (_loaded)
            {
                return;
            }

            var arrays = new Array[_columns.Count];
            var offsets = new int[_columns.Count];
            int offset = 0;
            for (int c = 0; c < _columns.Count; c++)
            {
                arrays[c] = Allocate(_columns[c]);
                offsets[c] = offset;
                offset += (int)_columns[c].Format!.FieldWidth;
            }

            byte[] heap = [];
            if (_columns.Any(c => c.IsVariableLength) && HeapLength > 0)
            {
                if (HeapLength > Array.MaxLength)
                {
                    throw new FitsFormatException(_hdu, null, $"the heap of {HeapLength} bytes exceeds the largest .NET array");
                }

                heap = new byte[HeapLength];
                _source!.Read(_heapOffset, heap);
            }

            int rowLength = (int)_rowLength;
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
                        _source!.Read((long)start * rowLength, bytes);
                        for (int c = 0; c < _columns.Count; c++)
                        {
                            Decode(_columns[c], c + 1, bytes, rowLength, offsets[c], start, n, arrays[c], heap);
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }
            }

            for (int c = 0; c < _columns.Count; c++)
            {
                _columns[c].SetData(arrays[c]);
            }

            _loaded = true;
        }
    }

    private static bool IsUnsigned(FitsColumn c) => c.Scale == 1 && c.Type switch
    {
        FitsColumnType.Byte => c.Zero == -128,
        FitsColumnType.Int16 => c.Zero == 32768,
        FitsColumnType.Int32 => c.Zero == 2147483648,
        FitsColumnType.Int64 => c.Zero == 9223372036854775808,
        _ => false,
    };

    private Array Allocate(FitsColumn c)
    {
        long count = c.Type == FitsColumnType.String || c.IsVariableLength ? RowCount
            : (long)RowCount * c.Repeat * (c.Type is FitsColumnType.ComplexSingle or FitsColumnType.ComplexDouble ? 2 : 1);
        if (count > Array.MaxLength)
        {
            throw new FitsFormatException(_hdu, null, $"column '{c.Name}' holds {count} values, more than the largest .NET array");
        }

        bool jagged = c.IsVariableLength && c.Type != FitsColumnType.String;
        return NewArray(c, (int)count, jagged, uninitialized: true);
    }

    // The one map from a column to its .NET element type. Arrays are built per type, never through
    // Array.CreateInstance(Type): a Native AOT consumer cannot promise the runtime metadata that call needs (issue 20).
    // Only the numeric columns of 16 bits and wider may be left uninitialized (the decoder writes every element).
    private static Array NewArray(FitsColumn c, int n, bool jagged, bool uninitialized = false) => c.Type switch
    {
        FitsColumnType.Logical => jagged ? new bool?[n][] : new bool?[n],
        FitsColumnType.Bit => New<bool>(n, jagged, false),
        FitsColumnType.Byte => IsUnsigned(c) ? New<sbyte>(n, jagged, false) : New<byte>(n, jagged, false),
        FitsColumnType.Int16 => IsUnsigned(c) ? New<ushort>(n, jagged, uninitialized) : New<short>(n, jagged, uninitialized),
        FitsColumnType.Int32 => IsUnsigned(c) ? New<uint>(n, jagged, uninitialized) : New<int>(n, jagged, uninitialized),
        FitsColumnType.Int64 => IsUnsigned(c) ? New<ulong>(n, jagged, uninitialized) : New<long>(n, jagged, uninitialized),
        FitsColumnType.Single or FitsColumnType.ComplexSingle => New<float>(n, jagged, uninitialized),
        FitsColumnType.Double or FitsColumnType.ComplexDouble => New<double>(n, jagged, uninitialized),
        _ => jagged ? new string[n][] : new string[n],
    };

    private static Array New<T>(int n, bool jagged, bool uninitialized)
        where T : unmanaged
        => jagged ? new T[n][] : uninitialized ? FreshMemory.Populate(GC.AllocateUninitializedArray<T>(n)) : new T[n];

    private void Decode(FitsColumn c, int number, ReadOnlySpan<byte> rows, int rowLength, int offset, int start, int count, Array target, byte[] heap)
    {
        var format = c.Format!;
        if (format.IsVariableLength)
        {
            var jagged = (object?[])target;
            for (int r = 0; r < count; r++)
            {
                var field = rows.Slice((r * rowLength) + offset, (int)format.FieldWidth);
                long n = format.Descriptor == 'P' ? BinaryPrimitives.ReadInt32BigEndian(field) : BinaryPrimitives.ReadInt64BigEndian(field);
                long at = format.Descriptor == 'P' ? BinaryPrimitives.ReadInt32BigEndian(field[4..]) : BinaryPrimitives.ReadInt64BigEndian(field[8..]);
                long bytes = c.Type == FitsColumnType.Bit ? (n + 7) / 8 : n * format.ElementSize;
                if (n < 0 || at < 0 || bytes > heap.Length || at > heap.Length - bytes)
                {
                    throw new FitsFormatException(_hdu, null,
                        $"row {start + r + 1}, column {number} '{c.Name}': variable-length array of {n} elements at heap offset {at} lies outside the {heap.Length}-byte heap");
                }

                if (c.Type == FitsColumnType.String)
                {
                    jagged[start + r] = DecodeString(heap.AsSpan((int)at, (int)n), start + r, number, c);
                    continue;
                }

                var inner = NewArray(c, (int)n, jagged: false);
                DecodeFixed(c, number, heap.AsSpan((int)at, (int)bytes), (int)bytes, 0, 0, 1, (int)n, inner);
                jagged[start + r] = inner;
            }

            return;
        }

        DecodeFixed(c, number, rows, rowLength, offset, start, count, c.Repeat, target);
    }

    private void DecodeFixed(FitsColumn c, int number, ReadOnlySpan<byte> rows, int rowLength, int offset, int start, int count, int repeat, Array target)
    {
        switch (c.Type)
        {
            case FitsColumnType.Logical:
                {
                    var dst = (bool?[])target;
                    for (int r = 0; r < count; r++)
                    {
                        var field = rows.Slice((r * rowLength) + offset, repeat);
                        for (int k = 0; k < repeat; k++)
                        {
                            dst[((start + r) * repeat) + k] = field[k] switch
                            {
                                (byte)'T' => true,
                                (byte)'F' => false,
                                0 => null,
                                var b => throw new FitsFormatException(_hdu, null, $"row {start + r + 1}, column {number} '{c.Name}': logical byte 0x{b:X2} is not T, F or 0"),
                            };
                        }
                    }

                    return;
                }

            case FitsColumnType.Bit:
                {
                    var dst = (bool[])target;
                    for (int r = 0; r < count; r++)
                    {
                        var field = rows[((r * rowLength) + offset)..];
                        for (int k = 0; k < repeat; k++)
                        {
                            dst[((start + r) * repeat) + k] = (field[k >> 3] & (0x80 >> (k & 7))) != 0;
                        }
                    }

                    return;
                }

            case FitsColumnType.String:
                {
                    var dst = (string[])target;
                    for (int r = 0; r < count; r++)
                    {
                        dst[start + r] = DecodeString(rows.Slice((r * rowLength) + offset, repeat), start + r, number, c);
                    }

                    return;
                }
        }

        int size = ColumnFormat.SizeOf(c.Type);
        int width = repeat * size;
        var all = ArrayBytes.Of(target);
        var region = all.Slice(start * width, count * width);
        int component = c.Type == FitsColumnType.ComplexSingle ? 4 : c.Type == FitsColumnType.ComplexDouble ? 8 : size;
        if (width == component && size > 1)
        {
            // The common case, one number per field: gathered, swapped and flipped in a single pass.
            FieldGather.GatherSwapped(rows, rowLength, offset, count, size, IsUnsigned(c), region);
            return;
        }

        if (width == rowLength)
        {
            rows[..region.Length].CopyTo(region);
        }
        else
        {
            FieldGather.Gather(rows, rowLength, offset, count, width, region);
        }

        BigEndian.SwapInPlace(region, component);
        if (IsUnsigned(c))
        {
            BigEndian.FlipSignBits(region, size);
        }
    }

    private string DecodeString(ReadOnlySpan<byte> field, int row, int number, FitsColumn c)
    {
        int end = field.IndexOf((byte)0);
        if (end >= 0)
        {
            field = field[..end];
        }

        int bad = field.IndexOfAnyExceptInRange((byte)' ', (byte)'~');
        if (bad >= 0)
        {
            throw new FitsFormatException(_hdu, null, $"row {row + 1}, column {number} '{c.Name}': byte 0x{field[bad]:X2} is not printable ASCII");
        }

        return Encoding.ASCII.GetString(field.TrimEnd((byte)' '));
    }

    private static string? Optional(FitsHeader header, string keyword) =>
        header.TryGetString(keyword, out string s) ? s.Trim() : null;

    private static long? NullOf(FitsHeader header, int n, int hdu)
    {
        var card = header.Find("TNULL" + n);
        return card switch
        {
            null => null,
            { Kind: FitsValueKind.Integer, Value: long l } => l,
            _ => throw new FitsFormatException(hdu, HduLayout.CardNumber(header, header.IndexOf("TNULL" + n)), $"TNULL{n} must be an integer, not '{card.ValueText()}'"),
        };
    }

    private static double Number(FitsHeader header, string keyword, double defaultValue, int hdu)
    {
        var card = header.Find(keyword);
        return card switch
        {
            null => defaultValue,
            { Kind: FitsValueKind.Integer, Value: long l } => l,
            { Kind: FitsValueKind.Real, Value: double d } => d,
            _ => throw new FitsFormatException(hdu, HduLayout.CardNumber(header, header.IndexOf(keyword)), $"{keyword} must be a number, not '{card.ValueText()}'"),
        };
    }
}

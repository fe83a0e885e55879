namespace Stoa.Fits.Tests.Io;

/// <summary>The vectorised and fused byte-order kernels against a byte-by-byte scalar reference, at every length from
/// 0 to 256 elements (every way a 128/256/512-bit vector loop can leave a tail), fixed seeds, exact equality.</summary>
public class ByteOrderKernelTests
{
    private const int MaxLength = 256;

    public static TheoryData<int, bool> SizesAndFlips => new() { { 2, false }, { 2, true }, { 4, false }, { 4, true }, { 8, false }, { 8, true } };

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void CopySwapped_And_SwapInPlace_Reverse_Every_Element_At_Every_Length(int size)
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            byte[] source = RandomBytes((n * size) + 1, seed: n);
            byte[] expected = ScalarSwap(source.AsSpan(0, n * size), size);

            byte[] copied = new byte[(n * size) + 1];
            copied[^1] = 0xA5;
            BigEndian.CopySwapped(source.AsSpan(0, n * size), copied.AsSpan(0, n * size), size);
            Assert.True(expected.AsSpan().SequenceEqual(copied.AsSpan(0, n * size)), $"CopySwapped, {n} elements of {size} bytes");
            Assert.Equal(0xA5, copied[^1]);

            byte[] inPlace = source[..(n * size)];
            BigEndian.SwapInPlace(inPlace, size);
            Assert.True(expected.AsSpan().SequenceEqual(inPlace), $"SwapInPlace, {n} elements of {size} bytes");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void FlipSignBits_Flips_Only_The_Top_Bit_Of_Each_Element_At_Every_Length(int size)
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            byte[] bytes = RandomBytes(n * size, seed: 1000 + n);
            byte[] expected = (byte[])bytes.Clone();
            for (int i = 0; i < n; i++)
            {
                // Native (little-endian) order: the top bit is in the element's last byte.
                expected[(i * size) + (BitConverter.IsLittleEndian ? size - 1 : 0)] ^= 0x80;
            }

            BigEndian.FlipSignBits(bytes, size);
            Assert.True(expected.AsSpan().SequenceEqual(bytes), $"{n} elements of {size} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(SizesAndFlips))]
    public void GatherSwapped_Equals_Scalar_Field_Decoding(int size, bool flip)
    {
        foreach (var (rowLength, offset, n) in Layouts(size))
        {
            byte[] rows = RandomBytes(n * rowLength, seed: (n * 31) + rowLength);
            byte[] expected = new byte[n * size];
            for (int r = 0; r < n; r++)
            {
                var field = rows.AsSpan((r * rowLength) + offset, size);
                ScalarSwap(field, size).CopyTo(expected, r * size);
                if (flip)
                {
                    expected[(r * size) + (BitConverter.IsLittleEndian ? size - 1 : 0)] ^= 0x80;
                }
            }

            byte[] actual = new byte[n * size];
            FieldGather.GatherSwapped(rows, rowLength, offset, n, size, flip, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{n} rows of {rowLength} bytes, field at {offset}");
        }
    }

    [Theory]
    [MemberData(nameof(SizesAndFlips))]
    public void ScatterSwapped_Inverts_GatherSwapped_And_Leaves_Other_Bytes_Alone(int size, bool flip)
    {
        foreach (var (rowLength, offset, n) in Layouts(size))
        {
            byte[] values = RandomBytes(n * size, seed: (n * 17) + rowLength);
            byte[] rows = RandomBytes(n * rowLength, seed: 5000 + n);
            byte[] expected = (byte[])rows.Clone();
            for (int r = 0; r < n; r++)
            {
                byte[] native = values.AsSpan(r * size, size).ToArray();
                if (flip)
                {
                    native[BitConverter.IsLittleEndian ? size - 1 : 0] ^= 0x80;
                }

                ScalarSwap(native, size).CopyTo(expected, (r * rowLength) + offset);
            }

            FieldGather.ScatterSwapped(values, rows, rowLength, offset, n, size, flip);
            Assert.True(expected.AsSpan().SequenceEqual(rows), $"{n} rows of {rowLength} bytes, field at {offset}");

            byte[] back = new byte[n * size];
            FieldGather.GatherSwapped(rows, rowLength, offset, n, size, flip, back);
            Assert.True(values.AsSpan().SequenceEqual(back), $"round trip, {n} rows of {rowLength} bytes");
        }
    }

    [Fact]
    public void Populate_Keeps_The_Values_Already_In_An_Array()
    {
        // Large enough for the madvise call to happen (≥ 1 MiB), with a pattern that zeroing pages would destroy.
        long[] values = new long[(1 << 20) / 8 * 3];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i * 0x3779B97F4A7C15L) | 1;
        }

        long[] copy = (long[])values.Clone();
        Assert.Same(values, FreshMemory.Populate(values));
        Assert.Equal(copy, values);
    }

    // The field alone in its row (contiguous), then in rows of 3 and 28 more bytes, at every row count up to 256.
    private static IEnumerable<(int RowLength, int Offset, int Rows)> Layouts(int size) =>
        from extra in new[] { 0, 3, 28 }
        from n in Enumerable.Range(0, MaxLength + 1)
        select (size + extra, extra / 2, n);

    private static byte[] ScalarSwap(ReadOnlySpan<byte> bytes, int size)
    {
        byte[] swapped = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i += size)
        {
            for (int k = 0; k < size; k++)
            {
                swapped[i + k] = BitConverter.IsLittleEndian ? bytes[i + size - 1 - k] : bytes[i + k];
            }
        }

        return swapped;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

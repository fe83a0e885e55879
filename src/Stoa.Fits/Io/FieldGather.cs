using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>Moves one column's fields between table rows (strided) and a contiguous array, byte for byte.</summary>
/// <remarks>Byte order is fixed afterwards (or before) over the whole contiguous block with one vectorised swap; keeping
/// the strided loop a plain unaligned load/store per row is what makes a table column cost about as much as a memcpy.
/// A field of one element goes through <see cref="GatherSwapped"/>/<see cref="ScatterSwapped"/> instead: the byte
/// reversal (one <c>movbe</c>/<c>bswap</c>) and the sign flip of unsigned data ride on the same load and store, so the
/// column is touched once rather than copied, swapped and flipped in three passes.</remarks>
internal static class FieldGather
{
    /// <summary>Gathers one-element fields of <paramref name="size"/> bytes (2, 4 or 8) from big-endian rows into native
    /// order, flipping the sign bit when <paramref name="flipSign"/> (stored signed → unsigned).</summary>
    public static void GatherSwapped(ReadOnlySpan<byte> rows, int rowLength, int offset, int count, int size, bool flipSign, Span<byte> destination)
    {
        if (!BitConverter.IsLittleEndian || rowLength == size)
        {
            // Big-endian host: nothing to swap. One column only: the fields are contiguous and the vectorised swap
            // beats any per-element loop.
            if (BitConverter.IsLittleEndian)
            {
                BigEndian.CopySwapped(rows.Slice(offset, count * size), destination[..(count * size)], size);
            }
            else
            {
                Gather(rows, rowLength, offset, count, size, destination);
            }

            FlipIf(flipSign, destination[..(count * size)], size);
            return;
        }

        CopyReversed(ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), offset), rowLength, ref MemoryMarshal.GetReference(destination), size,
            count, size, flipSign, flipBeforeReverse: false);
    }

    /// <summary>The reverse of <see cref="GatherSwapped"/>: native one-element values into big-endian row fields.</summary>
    public static void ScatterSwapped(ReadOnlySpan<byte> source, Span<byte> rows, int rowLength, int offset, int count, int size, bool flipSign)
    {
        if (!BitConverter.IsLittleEndian || rowLength == size)
        {
            if (BitConverter.IsLittleEndian)
            {
                BigEndian.CopySwapped(source[..(count * size)], rows.Slice(offset, count * size), size);
            }
            else
            {
                Scatter(source, rows, rowLength, offset, count, size);
            }

            if (flipSign)
            {
                // The sign bit is in the first byte of a big-endian field.
                for (int r = 0; r < count; r++)
                {
                    rows[(r * rowLength) + offset] ^= 0x80;
                }
            }

            return;
        }

        CopyReversed(ref MemoryMarshal.GetReference(source), size, ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), offset), rowLength,
            count, size, flipSign, flipBeforeReverse: true);
    }

    private static void CopyReversed(ref byte src, int srcStride, ref byte dst, int dstStride, int count, int size, bool flipSign, bool flipBeforeReverse)
    {
        switch (size)
        {
            case 8:
                CopyReversed(ref src, srcStride, ref dst, dstStride, count, SignMask<ulong>(flipSign, flipBeforeReverse));
                return;
            case 4:
                CopyReversed(ref src, srcStride, ref dst, dstStride, count, SignMask<uint>(flipSign, flipBeforeReverse));
                return;
            case 2:
                CopyReversed(ref src, srcStride, ref dst, dstStride, count, SignMask<ushort>(flipSign, flipBeforeReverse));
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(size), size, "2, 4 or 8 bytes");
        }
    }

    public static void Gather(ReadOnlySpan<byte> rows, int rowLength, int offset, int count, int width, Span<byte> destination)
    {
        ref byte src = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), offset);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        switch (width)
        {
            case 8:
                for (int r = 0; r < count; r++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, r * rowLength)));
                }

                return;
            case 4:
                for (int r = 0; r < count; r++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, r * rowLength)));
                }

                return;
            case 2:
                for (int r = 0; r < count; r++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * 2), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref src, r * rowLength)));
                }

                return;
            default:
                for (int r = 0; r < count; r++)
                {
                    rows.Slice((r * rowLength) + offset, width).CopyTo(destination.Slice(r * width, width));
                }

                return;
        }
    }

    public static void Scatter(ReadOnlySpan<byte> source, Span<byte> rows, int rowLength, int offset, int count, int width)
    {
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), offset);
        switch (width)
        {
            case 8:
                for (int r = 0; r < count; r++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * rowLength), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, r * 8)));
                }

                return;
            case 4:
                for (int r = 0; r < count; r++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * rowLength), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, r * 4)));
                }

                return;
            case 2:
                for (int r = 0; r < count; r++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * rowLength), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref src, r * 2)));
                }

                return;
            default:
                for (int r = 0; r < count; r++)
                {
                    source.Slice(r * width, width).CopyTo(rows.Slice((r * rowLength) + offset, width));
                }

                return;
        }
    }

    private static void FlipIf(bool flip, Span<byte> nativeBytes, int size)
    {
        if (flip)
        {
            BigEndian.FlipSignBits(nativeBytes, size);
        }
    }

    // One element per row: load, reverse (a single movbe on x64), flip the sign bit if asked, store.
    private static void CopyReversed<T>(ref byte src, int srcStride, ref byte dst, int dstStride, int count, T mask)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (int r = 0; r < count; r++)
        {
            T v = Reverse(Unsafe.ReadUnaligned<T>(ref Unsafe.Add(ref src, r * srcStride)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * dstStride), v ^ mask);
        }
    }

    // The native sign bit; flipping it before the reversal is flipping its reversed image after.
    private static T SignMask<T>(bool flipSign, bool beforeReverse)
        where T : unmanaged, IBinaryInteger<T>
    {
        T mask = flipSign ? T.One << ((Unsafe.SizeOf<T>() * 8) - 1) : T.Zero;
        return beforeReverse ? Reverse(mask) : mask;
    }

    // The type tests are constants in each instantiation, so the JIT keeps only the matching line (no boxing).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Reverse<T>(T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(ulong))
        {
            return (T)(object)BinaryPrimitives.ReverseEndianness((ulong)(object)value);
        }

        if (typeof(T) == typeof(uint))
        {
            return (T)(object)BinaryPrimitives.ReverseEndianness((uint)(object)value);
        }

        return (T)(object)BinaryPrimitives.ReverseEndianness((ushort)(object)value);
    }
}

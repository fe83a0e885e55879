using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>In-place byte-order reversal of whole arrays of FITS values (FITS data are big-endian).</summary>
/// <remarks>BinaryPrimitives' span overloads are vectorised (SSE/AVX shuffles), which is why whole chunks are
/// swapped at once instead of element by element.</remarks>
internal static class BigEndian
{
    public static void SwapInPlace(Span<byte> bytes, int elementSize)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        switch (elementSize)
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> reversing each element's bytes in
    /// the same pass (one read and one write of memory instead of a copy followed by an in-place swap).</summary>
    public static void CopySwapped(ReadOnlySpan<byte> source, Span<byte> destination, int elementSize)
    {
        if (!BitConverter.IsLittleEndian || elementSize == 1)
        {
            source.CopyTo(destination);
            return;
        }

        switch (elementSize)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(destination));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(destination));
                break;
            default:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(destination));
                break;
        }
    }

    /// <summary>Flips the sign bit of every element: stored signed ↔ unsigned with the standard BZERO/TZERO offset.</summary>
    public static void FlipSignBits(Span<byte> nativeBytes, int elementSize)
    {
        switch (elementSize)
        {
            case 1:
                Xor(nativeBytes, (byte)0x80);
                break;
            case 2:
                Xor(MemoryMarshal.Cast<byte, ushort>(nativeBytes), (ushort)0x8000);
                break;
            case 4:
                Xor(MemoryMarshal.Cast<byte, uint>(nativeBytes), 0x8000_0000u);
                break;
            case 8:
                Xor(MemoryMarshal.Cast<byte, ulong>(nativeBytes), 0x8000_0000_0000_0000ul);
                break;
        }
    }

    private static void Xor<T>(Span<T> values, T mask)
        where T : unmanaged, System.Numerics.IBitwiseOperators<T, T, T>
    {
        // Vector<T> keeps this at memory speed; the scalar tail handles the remainder.
        var v = new System.Numerics.Vector<T>(mask);
        var vectors = MemoryMarshal.Cast<T, System.Numerics.Vector<T>>(values);
        for (int k = 0; k < vectors.Length; k++)
        {
            vectors[k] ^= v;
        }

        for (int k = vectors.Length * System.Numerics.Vector<T>.Count; k < values.Length; k++)
        {
            values[k] ^= mask;
        }
    }
}

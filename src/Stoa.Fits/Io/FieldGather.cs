using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>Moves one column's fields between table rows (strided) and a contiguous array, byte for byte.</summary>
/// <remarks>Byte order is fixed afterwards (or before) over the whole contiguous block with one vectorised swap; keeping
/// the strided loop a plain unaligned load/store per row is what makes a table column cost about as much as a memcpy.</remarks>
internal static class FieldGather
{
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
}

using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>The bytes of a primitive numeric array, in native order, without copying.</summary>
internal static class ArrayBytes
{
    public static Span<byte> Of(Array array) => array switch
    {
        byte[] a => a,
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),

        // The CLR lets sbyte[]/ushort[]/uint[]/ulong[] match the signed patterns above (same layout), which is all we need here.
        _ => throw new InvalidOperationException($"{array.GetType().Name} is not a numeric array"),
    };
}

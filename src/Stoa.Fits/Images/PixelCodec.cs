using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>Turns stored pixel values (already in native byte order) into physical values: BZERO + BSCALE × stored,
/// with BLANK (integer images) becoming NaN. One pass, no per-pixel allocation.</summary>
internal static class PixelCodec
{
    public static void ToDouble(ReadOnlySpan<byte> native, FitsBitpix bitpix, double scale, double zero, long? blank, Span<double> dst)
    {
        bool identity = scale == 1 && zero == 0;
        switch (bitpix)
        {
            case FitsBitpix.UInt8:
                for (int i = 0; i < dst.Length; i++)
                {
                    byte v = native[i];
                    dst[i] = blank == v ? double.NaN : zero + (scale * v);
                }

                break;
            case FitsBitpix.Int16:
                {
                    var src = MemoryMarshal.Cast<byte, short>(native);
                    for (int i = 0; i < dst.Length; i++)
                    {
                        short v = src[i];
                        dst[i] = blank == v ? double.NaN : zero + (scale * v);
                    }

                    break;
                }

            case FitsBitpix.Int32:
                {
                    var src = MemoryMarshal.Cast<byte, int>(native);
                    for (int i = 0; i < dst.Length; i++)
                    {
                        int v = src[i];
                        dst[i] = blank == v ? double.NaN : zero + (scale * v);
                    }

                    break;
                }

            case FitsBitpix.Int64:
                {
                    var src = MemoryMarshal.Cast<byte, long>(native);
                    for (int i = 0; i < dst.Length; i++)
                    {
                        long v = src[i];
                        dst[i] = blank == v ? double.NaN : zero + (scale * v);
                    }

                    break;
                }

            case FitsBitpix.Single:
                {
                    var src = MemoryMarshal.Cast<byte, float>(native);
                    for (int i = 0; i < dst.Length; i++)
                    {
                        dst[i] = identity ? src[i] : zero + (scale * src[i]);
                    }

                    break;
                }

            case FitsBitpix.Double:
                {
                    var src = MemoryMarshal.Cast<byte, double>(native);
                    if (identity)
                    {
                        src[..dst.Length].CopyTo(dst);
                    }
                    else
                    {
                        for (int i = 0; i < dst.Length; i++)
                        {
                            dst[i] = zero + (scale * src[i]);
                        }
                    }

                    break;
                }
        }
    }

    public static void ToSingle(ReadOnlySpan<byte> native, FitsBitpix bitpix, double scale, double zero, long? blank, Span<float> dst)
    {
        if (bitpix == FitsBitpix.Single && scale == 1 && zero == 0)
        {
            MemoryMarshal.Cast<byte, float>(native)[..dst.Length].CopyTo(dst);
            return;
        }

        // Physical values are computed in double and rounded once to float.
        Span<double> tmp = stackalloc double[512];
        for (int start = 0; start < dst.Length; start += tmp.Length)
        {
            int n = Math.Min(tmp.Length, dst.Length - start);
            int size = Math.Abs((int)bitpix) / 8;
            ToDouble(native.Slice(start * size, n * size), bitpix, scale, zero, blank, tmp[..n]);
            for (int i = 0; i < n; i++)
            {
                dst[start + i] = (float)tmp[i];
            }
        }
    }
}

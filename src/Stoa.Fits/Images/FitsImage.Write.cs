using System.Buffers;

namespace Stoa.Fits;

/// <content>Writing an image HDU.</content>
public sealed partial class FitsImage
{
    internal IEnumerable<FitsCard> StructuralCards(bool primary)
    {
        yield return primary ? FitsCard.Create("SIMPLE", true, "conforms to FITS standard") : FitsCard.Create("XTENSION", "IMAGE", "image extension");
        yield return FitsCard.Create("BITPIX", (long)(int)Bitpix, "bits per data value");
        yield return FitsCard.Create("NAXIS", (long)_axes.Length, "number of axes");
        for (int i = 0; i < _axes.Length; i++)
        {
            yield return FitsCard.Create("NAXIS" + (i + 1), _axes[i]);
        }

        if (primary)
        {
            yield return FitsCard.Create("EXTEND", true, "extensions may follow");
        }
        else
        {
            yield return FitsCard.Create("PCOUNT", 0L);
            yield return FitsCard.Create("GCOUNT", 1L);
        }

        if (Scale != 1)
        {
            yield return FitsCard.Create("BSCALE", Scale);
        }

        if (Zero != 0)
        {
            // Integral offsets (the unsigned conventions) are written as integers, exactly.
            yield return FitsCard.CreateExactNumber("BZERO", Zero);
        }

        if (Blank is { } blank)
        {
            yield return FitsCard.Create("BLANK", blank);
        }
    }

    internal override void WriteTo(Stream stream, bool primary, bool moreFollow)
    {
        HeaderWriter.Write(stream, StructuralCards(primary), Header, HeaderWriter.IsImageGenerated);
        long length = PixelCount * ElementSize;
        if (_source is not null && _native is null)
        {
            HeaderWriter.CopyData(stream, _source);
            return;
        }

        // 1 MiB chunks: few system calls, and the swapped chunk is still in cache when the kernel copies it out.
        const int WriteChunk = 1 << 20;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(WriteChunk);
        try
        {
            ReadOnlySpan<byte> native = _native is null ? [] : ArrayBytes.Of(_native);
            for (long done = 0; done < length; done += WriteChunk)
            {
                int n = (int)Math.Min(WriteChunk, length - done);
                var bytes = chunk.AsSpan(0, n);
                if (_nativeFlipped || _native is null)
                {
                    ReadStored(done, bytes);
                    BigEndian.SwapInPlace(bytes, ElementSize);
                }
                else
                {
                    BigEndian.CopySwapped(native.Slice((int)done, n), bytes, ElementSize);
                }

                stream.Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        HeaderWriter.PadData(stream, length);
    }
}

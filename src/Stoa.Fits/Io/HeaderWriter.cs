using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Stoa.Fits;

/// <summary>Writes headers (cards, END, blank padding to 2880) and pads data blocks with zeros.</summary>
internal static partial class HeaderWriter
{
    /// <summary>Writes the generated structural cards, then the header's own cards minus those <paramref name="isGenerated"/> replaces.</summary>
    public static void Write(Stream stream, IEnumerable<FitsCard> structural, FitsHeader header, Func<string, bool> isGenerated)
    {
        var sb = new StringBuilder();
        foreach (var card in structural)
        {
            sb.Append(card.ToImages());
        }

        foreach (var card in header)
        {
            if (card.IsCommentary ? card.Keyword == "CONTINUE" && card.RawImages is null : isGenerated(card.Keyword))
            {
                continue;
            }

            sb.Append(card.ToImages());
        }

        sb.Append("END".PadRight(CardText.CardLength));
        int padded = (int)HduLayout.Padded(sb.Length);
        sb.Append(' ', padded - sb.Length);
        stream.Write(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    /// <summary>Zero bytes after <paramref name="dataLength"/> bytes of data, up to the next 2880 boundary.</summary>
    public static void PadData(Stream stream, long dataLength)
    {
        int pad = (int)(HduLayout.Padded(dataLength) - dataLength);
        if (pad > 0)
        {
            Span<byte> zeros = stackalloc byte[pad];
            zeros.Clear();
            stream.Write(zeros);
        }
    }

    /// <summary>Keywords every HDU regenerates from its data, plus checksums, which would be stale.</summary>
    public static bool IsStructural(string keyword) =>
        keyword is "SIMPLE" or "XTENSION" or "BITPIX" or "NAXIS" or "EXTEND" or "PCOUNT" or "GCOUNT" or "END" or "CHECKSUM" or "DATASUM"
        || NaxisN().IsMatch(keyword);

    /// <summary>Structural keywords plus the image scaling keywords.</summary>
    public static bool IsImageGenerated(string keyword) => IsStructural(keyword) || keyword is "BSCALE" or "BZERO" or "BLANK";

    /// <summary>Structural keywords plus the table and column keywords this library writes.</summary>
    public static bool IsTableGenerated(string keyword) =>
        IsStructural(keyword) || keyword is "TFIELDS" or "THEAP" || ColumnKeyword().IsMatch(keyword);

    /// <summary>Copies a data source to the stream in chunks.</summary>
    public static void CopyData(Stream stream, DataSource source)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long done = 0; done < source.Length; done += chunk.Length)
            {
                int n = (int)Math.Min(chunk.Length, source.Length - done);
                source.Read(done, chunk.AsSpan(0, n));
                stream.Write(chunk, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        PadData(stream, source.Length);
    }

    [GeneratedRegex("^NAXIS[0-9]+$")]
    private static partial Regex NaxisN();

    [GeneratedRegex("^T(TYPE|FORM|UNIT|NULL|SCAL|ZERO|DISP|UCD)[0-9]+$")]
    private static partial Regex ColumnKeyword();
}

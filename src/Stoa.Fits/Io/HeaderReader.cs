using System.Text;

namespace Stoa.Fits;

/// <summary>Reads one header (2880-byte blocks of 36 cards up to <c>END</c>) and joins <c>CONTINUE</c> cards.</summary>
internal static class HeaderReader
{
    public const int BlockSize = 2880;
    private const int CardsPerBlock = 36;

    /// <summary>Reads a header at the stream's position.</summary>
    /// <returns>The header and the bytes consumed, or null when the stream ends (or holds only padding) before another HDU.</returns>
    public static (FitsHeader Header, long Bytes)? Read(Stream stream, int hdu)
    {
        var block = new byte[BlockSize];
        var images = new List<string>();
        long consumed = 0;
        bool first = true;
        while (true)
        {
            int got = ReadBlock(stream, block);
            if (first)
            {
                if (got == 0)
                {
                    return hdu == 0 ? throw new FitsFormatException("not a FITS file: it is empty") : null;
                }

                if (hdu > 0 && IsPadding(block.AsSpan(0, got)))
                {
                    // Trailing zeros or blanks after the last HDU are tolerated, as by other readers.
                    return null;
                }

                string start = Encoding.Latin1.GetString(block, 0, Math.Min(got, 10));
                if (hdu == 0 && !start.StartsWith("SIMPLE  =", StringComparison.Ordinal))
                {
                    throw new FitsFormatException("not a FITS file: it does not start with the card 'SIMPLE  ='");
                }

                if (hdu > 0 && !start.StartsWith("XTENSION=", StringComparison.Ordinal))
                {
                    throw new FitsFormatException(hdu, 1, "expected an extension header starting with 'XTENSION=' after the previous HDU's data");
                }
            }

            if (got < BlockSize)
            {
                throw new FitsFormatException(hdu, images.Count + (got / 80) + 1,
                    $"truncated header: the stream ended {got} bytes into a 2880-byte header block without an END card");
            }

            first = false;
            consumed += BlockSize;
            string text = Encoding.Latin1.GetString(block);
            for (int c = 0; c < CardsPerBlock; c++)
            {
                string image = text.Substring(c * 80, 80);
                if (image.StartsWith("END     ", StringComparison.Ordinal))
                {
                    return (Join(images, hdu), consumed);
                }

                images.Add(image);
            }
        }
    }

    private static bool IsPadding(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0, (byte)' ');

    private static int ReadBlock(Stream stream, byte[] block)
    {
        int total = 0;
        while (total < block.Length)
        {
            int n = stream.Read(block, total, block.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static FitsHeader Join(List<string> images, int hdu)
    {
        var cards = new List<FitsCard>(images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            var card = CardText.Parse(images[i], hdu, i + 1);
            if (card.Kind == FitsValueKind.String && ((string)card.Value!).EndsWith('&') && IsContinue(images, i + 1))
            {
                var value = new StringBuilder((string)card.Value!);
                var raw = new StringBuilder(images[i]);
                string? comment = card.Comment;
                while (value.Length > 0 && value[^1] == '&' && IsContinue(images, i + 1))
                {
                    i++;
                    var (kind, part, partComment) = CardText.ParseValue(images[i].AsSpan(8), "CONTINUE", hdu, i + 1);
                    if (kind != FitsValueKind.String)
                    {
                        throw new FitsFormatException(hdu, i + 1, $"CONTINUE card of {card.Keyword} does not hold a string");
                    }

                    value.Length--;
                    value.Append((string)part!);
                    raw.Append(images[i]);
                    if (!string.IsNullOrEmpty(partComment))
                    {
                        comment = string.IsNullOrEmpty(comment) ? partComment : comment + " " + partComment;
                    }
                }

                card = new FitsCard(card.Keyword, FitsValueKind.String, value.ToString(), comment, raw.ToString());
            }

            cards.Add(card);
        }

        return new FitsHeader(cards);
    }

    private static bool IsContinue(List<string> images, int index) =>
        index < images.Count && images[index].StartsWith("CONTINUE  ", StringComparison.Ordinal);
}

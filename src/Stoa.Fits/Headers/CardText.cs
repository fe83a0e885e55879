using System.Globalization;
using System.Numerics;
using System.Text;

namespace Stoa.Fits;

/// <summary>Parses and formats 80-character card images (FITS Standard 4.0, section 4).</summary>
internal static class CardText
{
    public const int CardLength = 80;
    private const int MaxFixedValueWidth = 20;

    /// <summary>Escaped string characters that fit on one card between quotes when a '&amp;' follows.</summary>
    private const int ContinuedChunk = 67;

    public static string RequireKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        string key = keyword.ToUpperInvariant();
        if (key.Length is 0 or > 8 || !IsKeyword(key))
        {
            throw new ArgumentException($"'{keyword}' is not a FITS keyword (1-8 characters of A-Z 0-9 - _)", nameof(keyword));
        }

        return key;
    }

    public static void RequireAscii(string text, string parameter)
    {
        foreach (char c in text)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"FITS header text must be printable ASCII; found U+{(int)c:X4} in \"{text}\"", parameter);
            }
        }
    }

    public static bool IsKeyword(ReadOnlySpan<char> key)
    {
        foreach (char c in key)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static string FormatReal(double value)
    {
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }

    /// <summary>Formats a card created in code; long strings become CONTINUE cards.</summary>
    public static string Format(FitsCard card)
    {
        string key = card.Keyword.PadRight(8);
        if (card.Kind == FitsValueKind.Commentary)
        {
            return (key + (string)card.Value!).PadRight(CardLength);
        }

        if (card.Kind == FitsValueKind.String)
        {
            return FormatString(key, (string)card.Value!, card.Comment);
        }

        string value = card.ValueText();
        string body = key + "= " + (value.Length <= MaxFixedValueWidth ? value.PadLeft(MaxFixedValueWidth) : value);
        return WithComment(body, card.Comment);
    }

    private static string WithComment(string body, string? comment)
    {
        if (!string.IsNullOrEmpty(comment))
        {
            body += " / " + comment;
        }

        // A comment is informational; one too long for the card is cut at column 80 (documented on FitsHeader).
        return body.Length > CardLength ? body[..CardLength] : body.PadRight(CardLength);
    }

    private static string FormatString(string key, string value, string? comment)
    {
        string escaped = value.Replace("'", "''", StringComparison.Ordinal);
        if (escaped.Length <= 68)
        {
            string quoted = "'" + escaped.PadRight(8) + "'";
            string body = key + "= " + quoted;
            if (string.IsNullOrEmpty(comment) || body.Length + 3 + comment.Length <= CardLength)
            {
                return WithComment(body, comment);
            }
        }

        // Long string (FITS 4.0 section 4.2.1.2): chunks end in '&' and continue on CONTINUE cards.
        var pieces = SplitForContinue(value);
        var sb = new StringBuilder();
        for (int i = 0; i < pieces.Count; i++)
        {
            bool last = i == pieces.Count - 1;
            string prefix = i == 0 ? key + "= " : "CONTINUE  ";
            string chunk = pieces[i].Replace("'", "''", StringComparison.Ordinal);
            if (!last)
            {
                sb.Append((prefix + "'" + chunk + "&'").PadRight(CardLength));
                continue;
            }

            string body = prefix + "'" + chunk + "'";
            if (string.IsNullOrEmpty(comment) || body.Length + 3 + comment.Length <= CardLength)
            {
                sb.Append(WithComment(body, comment));
                break;
            }

            // The comment does not fit: it goes on empty CONTINUE cards, split at blanks (readers join the parts with one blank).
            sb.Append((prefix + "'" + chunk + "&'").PadRight(CardLength));
            var parts = SplitComment(comment, CardLength - "CONTINUE  '&' / ".Length);
            for (int p = 0; p < parts.Count; p++)
            {
                sb.Append(WithComment(p == parts.Count - 1 ? "CONTINUE  ''" : "CONTINUE  '&'", parts[p]));
            }
        }

        return sb.ToString();
    }

    private static List<string> SplitComment(string comment, int width)
    {
        var parts = new List<string>();
        string rest = comment.Trim(' ');
        while (rest.Length > width)
        {
            int cut = rest.LastIndexOf(' ', width);
            parts.Add(cut > 0 ? rest[..cut].TrimEnd(' ') : rest[..width]);
            rest = (cut > 0 ? rest[(cut + 1)..] : rest[width..]).TrimStart(' ');
        }

        parts.Add(rest);
        return parts;
    }

    private static List<string> SplitForContinue(string value)
    {
        var pieces = new List<string>();
        int start = 0;
        while (true)
        {
            int width = 0;
            int end = start;
            while (end < value.Length)
            {
                int w = value[end] == '\'' ? 2 : 1;
                if (width + w > ContinuedChunk)
                {
                    break;
                }

                width += w;
                end++;
            }

            pieces.Add(value[start..end]);
            if (end >= value.Length)
            {
                return pieces;
            }

            start = end;
        }
    }

    /// <summary>Parses one 80-character image into a card (CONTINUE is joined by the header reader).</summary>
    /// <exception cref="FitsFormatException">The card is not valid FITS.</exception>
    public static FitsCard Parse(string image, int hdu, int cardNumber)
    {
        for (int i = 0; i < image.Length; i++)
        {
            if (image[i] is < ' ' or > '~')
            {
                throw new FitsFormatException(hdu, cardNumber, $"byte 0x{(int)image[i]:X2} at column {i + 1} is not printable ASCII");
            }
        }

        ReadOnlySpan<char> keyField = image.AsSpan(0, 8);
        int keyEnd = keyField.IndexOf(' ');
        if (keyEnd < 0)
        {
            keyEnd = 8;
        }

        string keyword = keyField[..keyEnd].ToString();
        if (!keyField[keyEnd..].IsWhiteSpace() || !IsKeyword(keyword))
        {
            throw new FitsFormatException(hdu, cardNumber, $"'{keyField}' is not a valid keyword (A-Z 0-9 - _, left-justified)");
        }

        bool hasValue = image[8] == '=' && image[9] == ' ' && keyword is not ("COMMENT" or "HISTORY" or "");
        if (!hasValue)
        {
            return new FitsCard(keyword, FitsValueKind.Commentary, image[8..].TrimEnd(), null, image);
        }

        var (kind, value, comment) = ParseValue(image.AsSpan(10), keyword, hdu, cardNumber);
        return new FitsCard(keyword, kind, value, comment, image);
    }

    /// <summary>Parses the value and comment field (columns 11–80, or 9–80 of a CONTINUE card).</summary>
    public static (FitsValueKind Kind, object? Value, string? Comment) ParseValue(ReadOnlySpan<char> field, string keyword, int hdu, int cardNumber)
    {
        int i = 0;
        while (i < field.Length && field[i] == ' ')
        {
            i++;
        }

        if (i == field.Length)
        {
            return (FitsValueKind.Undefined, null, null);
        }

        if (field[i] == '/')
        {
            return (FitsValueKind.Undefined, null, CommentOf(field[(i + 1)..]));
        }

        if (field[i] == '\'')
        {
            var sb = new StringBuilder();
            int j = i + 1;
            while (true)
            {
                if (j >= field.Length)
                {
                    throw new FitsFormatException(hdu, cardNumber, $"{keyword}: string value has no closing quote");
                }

                if (field[j] == '\'')
                {
                    if (j + 1 < field.Length && field[j + 1] == '\'')
                    {
                        sb.Append('\'');
                        j += 2;
                        continue;
                    }

                    break;
                }

                sb.Append(field[j]);
                j++;
            }

            var rest = field[(j + 1)..].TrimStart(' ');
            if (rest.Length > 0 && rest[0] != '/')
            {
                throw new FitsFormatException(hdu, cardNumber, $"{keyword}: unexpected text '{rest.ToString().Trim()}' after the string value");
            }

            // Trailing blanks in a string value are not significant (section 4.2.1.1); leading ones are.
            return (FitsValueKind.String, sb.ToString().TrimEnd(' '), rest.Length > 0 ? CommentOf(rest[1..]) : null);
        }

        int slash = field[i..].IndexOf('/');
        var token = (slash < 0 ? field[i..] : field[i..(i + slash)]).Trim(' ');
        string? comment = slash < 0 ? null : CommentOf(field[(i + slash + 1)..]);
        if (token.SequenceEqual("T"))
        {
            return (FitsValueKind.Logical, true, comment);
        }

        if (token.SequenceEqual("F"))
        {
            return (FitsValueKind.Logical, false, comment);
        }

        if (token[0] == '(')
        {
            if (token[^1] != ')' || token[1..^1].IndexOf(',') is var comma && comma < 0
                || !TryParseNumber(token[1..^1][..comma].Trim(' '), out double re, out _)
                || !TryParseNumber(token[1..^1][(comma + 1)..].Trim(' '), out double im, out _))
            {
                throw new FitsFormatException(hdu, cardNumber, $"{keyword}: '{token}' is not a valid complex value");
            }

            return (FitsValueKind.Complex, new Complex(re, im), comment);
        }

        if (!TryParseNumber(token, out double real, out long? integer))
        {
            throw new FitsFormatException(hdu, cardNumber, $"{keyword}: '{token}' is not a valid value (string, T/F, number or complex)");
        }

        return integer is { } n ? (FitsValueKind.Integer, (object)n, comment) : (FitsValueKind.Real, (object)real, comment);
    }

    private static string? CommentOf(ReadOnlySpan<char> text) => text.Trim(' ').ToString();

    /// <summary>Parses a FITS integer or real (section 4.2.3/4.2.4): digits, sign, '.', and an E or D exponent.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> token, out double real, out long? integer)
    {
        real = 0;
        integer = null;
        if (token.IsEmpty)
        {
            return false;
        }

        bool isInteger = true;
        int digits = 0;
        Span<char> buffer = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        for (int k = 0; k < token.Length; k++)
        {
            char c = token[k];
            switch (c)
            {
                case >= '0' and <= '9':
                    digits++;
                    buffer[k] = c;
                    break;
                case '+' or '-':
                    buffer[k] = c;
                    break;
                case '.':
                    isInteger = false;
                    buffer[k] = c;
                    break;
                case 'E' or 'D' or 'e' or 'd':
                    isInteger = false;
                    buffer[k] = 'E';
                    break;
                default:
                    return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (isInteger && long.TryParse(buffer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            integer = n;
            real = n;
            return true;
        }

        // An integer too large for 64 bits is still a valid FITS number; it is kept as a real (the raw card is preserved).
        return double.TryParse(buffer, NumberStyles.Float, CultureInfo.InvariantCulture, out real) && double.IsFinite(real);
    }
}

using System.Globalization;
using System.Numerics;

namespace Stoa.Fits;

/// <summary>
/// One logical header card: a keyword, a typed value and a comment. A long string value continued over
/// <c>CONTINUE</c> cards is one logical card. Cards are immutable; change a header with <see cref="FitsHeader.Set(string, string, string?)"/>.
/// </summary>
/// <remarks>A card read from a file remembers its exact 80-character images, so an unchanged card (including any
/// card this library does not know) is written back byte for byte.</remarks>
public sealed class FitsCard
{
    internal FitsCard(string keyword, FitsValueKind kind, object? value, string? comment, string? rawImages)
    {
        Keyword = keyword;
        Kind = kind;
        Value = value;
        Comment = comment;
        RawImages = rawImages;
    }

    /// <summary>Gets the keyword (up to 8 characters of <c>A–Z 0–9 - _</c>; blank for a blank commentary card).</summary>
    public string Keyword { get; }

    /// <summary>Gets the kind of value.</summary>
    public FitsValueKind Kind { get; }

    /// <summary>Gets the value: <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
    /// <see cref="Complex"/>, the commentary text for <see cref="FitsValueKind.Commentary"/>, or null when undefined.</summary>
    public object? Value { get; }

    /// <summary>Gets the comment after the <c>/</c>, trimmed, or null when there is none.</summary>
    public string? Comment { get; }

    /// <summary>Gets a value indicating whether this is a commentary card (no value).</summary>
    public bool IsCommentary => Kind == FitsValueKind.Commentary;

    /// <summary>The original card images (a multiple of 80 characters) when read from a file; null when created.</summary>
    internal string? RawImages { get; }

    /// <summary>Creates a string-valued card.</summary>
    /// <param name="keyword">The keyword (1–8 characters of <c>A–Z 0–9 - _</c>).</param>
    /// <param name="value">The value: printable ASCII; longer than 68 characters is written with <c>CONTINUE</c> cards.</param>
    /// <param name="comment">An optional comment (printable ASCII).</param>
    /// <exception cref="ArgumentException">The keyword or text is not valid FITS.</exception>
    public static FitsCard Create(string keyword, string value, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        CardText.RequireAscii(value, nameof(value));
        return new FitsCard(CardText.RequireKeyword(keyword), FitsValueKind.String, value, CheckComment(comment), null);
    }

    /// <summary>Creates a logical card.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value, written <c>T</c> or <c>F</c>.</param>
    /// <param name="comment">An optional comment.</param>
    /// <exception cref="ArgumentException">The keyword or comment is not valid FITS.</exception>
    public static FitsCard Create(string keyword, bool value, string? comment = null) =>
        new(CardText.RequireKeyword(keyword), FitsValueKind.Logical, value, CheckComment(comment), null);

    /// <summary>Creates an integer card.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value.</param>
    /// <param name="comment">An optional comment.</param>
    /// <exception cref="ArgumentException">The keyword or comment is not valid FITS.</exception>
    public static FitsCard Create(string keyword, long value, string? comment = null) =>
        new(CardText.RequireKeyword(keyword), FitsValueKind.Integer, value, CheckComment(comment), null);

    /// <summary>Creates a floating-point card, written with the shortest text that reads back to the same double.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value; must be finite (FITS has no text for NaN or infinity).</param>
    /// <param name="comment">An optional comment.</param>
    /// <exception cref="ArgumentException">The keyword or comment is not valid FITS, or the value is not finite.</exception>
    public static FitsCard Create(string keyword, double value, string? comment = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"FITS header values must be finite; {keyword} = {value}", nameof(value));
        }

        return new(CardText.RequireKeyword(keyword), FitsValueKind.Real, value, CheckComment(comment), null);
    }

    /// <summary>Creates a complex-valued card.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value; both parts must be finite.</param>
    /// <param name="comment">An optional comment.</param>
    /// <exception cref="ArgumentException">The keyword or comment is not valid FITS, or the value is not finite.</exception>
    public static FitsCard Create(string keyword, Complex value, string? comment = null)
    {
        if (!double.IsFinite(value.Real) || !double.IsFinite(value.Imaginary))
        {
            throw new ArgumentException($"FITS header values must be finite; {keyword} = {value}", nameof(value));
        }

        return new(CardText.RequireKeyword(keyword), FitsValueKind.Complex, value, CheckComment(comment), null);
    }

    /// <summary>Creates a card with a value indicator but an undefined value.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="comment">An optional comment.</param>
    /// <exception cref="ArgumentException">The keyword or comment is not valid FITS.</exception>
    public static FitsCard CreateUndefined(string keyword, string? comment = null) =>
        new(CardText.RequireKeyword(keyword), FitsValueKind.Undefined, null, CheckComment(comment), null);

    /// <summary>Creates a commentary card such as <c>COMMENT</c> or <c>HISTORY</c> (at most 72 characters of text).</summary>
    /// <param name="keyword">The keyword: <c>COMMENT</c>, <c>HISTORY</c>, an empty string for a blank keyword, or another keyword.</param>
    /// <param name="text">The text, printable ASCII, at most 72 characters.</param>
    /// <exception cref="ArgumentException">The keyword or text is not valid, or the text is longer than 72 characters.</exception>
    public static FitsCard CreateCommentary(string keyword, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CardText.RequireAscii(text, nameof(text));
        if (text.Length > 72)
        {
            throw new ArgumentException($"commentary text is {text.Length} characters; a card holds 72", nameof(text));
        }

        string key = keyword.Length == 0 ? string.Empty : CardText.RequireKeyword(keyword);
        return new FitsCard(key, FitsValueKind.Commentary, text, null, null);
    }

    /// <summary>Returns the card as FITS text (one or more 80-character images).</summary>
    /// <returns>The card images, a multiple of 80 characters.</returns>
    public override string ToString() => RawImages ?? CardText.Format(this);

    internal string ToImages() => RawImages ?? CardText.Format(this);

    internal string ValueText() => Value switch
    {
        null => string.Empty,
        bool b => b ? "T" : "F",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => CardText.FormatReal(d),
        Complex c => $"({CardText.FormatReal(c.Real)}, {CardText.FormatReal(c.Imaginary)})",
        string s => s,
        _ => Value.ToString() ?? string.Empty,
    };

    /// <summary>A numeric card whose integral value is written as integer digits, even beyond 64 bits
    /// (e.g. <c>BZERO = 9223372036854775808</c> for unsigned 64-bit data), so other readers see it exactly.</summary>
    internal static FitsCard CreateExactNumber(string keyword, double value)
    {
        if (value != Math.Floor(value) || Math.Abs(value) >= 1e19)
        {
            return Create(keyword, value);
        }

        string digits = new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        string image = (keyword.PadRight(8) + "= " + digits.PadLeft(20)).PadRight(CardText.CardLength);
        return CardText.Parse(image, -1, 0);
    }

    private static string? CheckComment(string? comment)
    {
        if (comment is not null)
        {
            CardText.RequireAscii(comment, nameof(comment));
        }

        return comment;
    }
}

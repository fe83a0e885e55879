using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Stoa.Fits;

/// <summary>
/// The ordered cards of one HDU header, without the <c>END</c> card. Keywords are case-insensitive here and written
/// in upper case. Unknown cards are kept in order and written back unchanged.
/// </summary>
/// <remarks>
/// When an HDU is written, the structural keywords (<c>SIMPLE</c>, <c>XTENSION</c>, <c>BITPIX</c>, <c>NAXIS</c>,
/// <c>NAXISn</c>, <c>EXTEND</c>, <c>PCOUNT</c>, <c>GCOUNT</c>, and for tables <c>TFIELDS</c> and the column keywords;
/// for images <c>BSCALE</c>, <c>BZERO</c>, <c>BLANK</c>) are generated from the data and replace any in the header.
/// A comment too long for its card is cut at column 80; values are never cut (long strings use <c>CONTINUE</c>).
/// </remarks>
public sealed class FitsHeader : IReadOnlyList<FitsCard>
{
    private readonly List<FitsCard> _cards;

    /// <summary>Creates an empty header.</summary>
    public FitsHeader()
    {
        _cards = [];
    }

    /// <summary>Creates a header holding the given cards, in order.</summary>
    /// <param name="cards">The cards.</param>
    public FitsHeader(IEnumerable<FitsCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        _cards = [.. cards];
    }

    /// <summary>Gets the number of logical cards (a <c>CONTINUE</c>d string counts once).</summary>
    public int Count => _cards.Count;

    /// <summary>Gets the card at a 0-based position.</summary>
    /// <param name="index">The 0-based position.</param>
    public FitsCard this[int index] => _cards[index];

    /// <summary>Gets the <c>HISTORY</c> texts in order.</summary>
    public IEnumerable<string> History => Commentary("HISTORY");

    /// <summary>Gets the <c>COMMENT</c> texts in order.</summary>
    public IEnumerable<string> Comments => Commentary("COMMENT");

    /// <summary>Returns whether a valued (non-commentary) card with this keyword exists.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns><see langword="true"/> if present.</returns>
    public bool Contains(string keyword) => IndexOf(keyword) >= 0;

    /// <summary>Finds the first valued (non-commentary) card with this keyword.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The card, or null when absent.</returns>
    public FitsCard? Find(string keyword)
    {
        int i = IndexOf(keyword);
        return i < 0 ? null : _cards[i];
    }

    /// <summary>Returns the 0-based position of the first valued card with this keyword, or -1.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The position or -1.</returns>
    public int IndexOf(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        for (int i = 0; i < _cards.Count; i++)
        {
            if (!_cards[i].IsCommentary && string.Equals(_cards[i].Keyword, keyword, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Gets a string value.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="value">The value when found and a string.</param>
    /// <returns><see langword="true"/> when the keyword holds a string.</returns>
    public bool TryGetString(string keyword, out string value)
    {
        if (Find(keyword) is { Kind: FitsValueKind.String, Value: string s })
        {
            value = s;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Gets a logical value.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="value">The value when found and logical.</param>
    /// <returns><see langword="true"/> when the keyword holds a logical.</returns>
    public bool TryGetBoolean(string keyword, out bool value)
    {
        if (Find(keyword) is { Kind: FitsValueKind.Logical, Value: bool b })
        {
            value = b;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Gets an integer value.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="value">The value when found and an integer (a real with an integral value counts).</param>
    /// <returns><see langword="true"/> when the keyword holds an integer.</returns>
    public bool TryGetInt64(string keyword, out long value)
    {
        switch (Find(keyword))
        {
            case { Kind: FitsValueKind.Integer, Value: long l }:
                value = l;
                return true;
            case { Kind: FitsValueKind.Real, Value: double d } when d == Math.Floor(d) && Math.Abs(d) < 9.2e18:
                value = (long)d;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Gets a floating-point value (integers are converted).</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="value">The value when found and numeric.</param>
    /// <returns><see langword="true"/> when the keyword holds a real or integer.</returns>
    public bool TryGetDouble(string keyword, out double value)
    {
        switch (Find(keyword))
        {
            case { Kind: FitsValueKind.Real, Value: double d }:
                value = d;
                return true;
            case { Kind: FitsValueKind.Integer, Value: long l }:
                value = l;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Gets a string value.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The keyword is absent or does not hold a string.</exception>
    public string GetString(string keyword) =>
        TryGetString(keyword, out string v) ? v : throw Missing(keyword, "a string");

    /// <summary>Gets a string value, or a default when absent.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="defaultValue">Returned when the keyword is absent or not a string.</param>
    /// <returns>The value or the default.</returns>
    public string GetString(string keyword, string defaultValue) =>
        TryGetString(keyword, out string v) ? v : defaultValue;

    /// <summary>Gets a logical value.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The keyword is absent or not logical.</exception>
    public bool GetBoolean(string keyword) =>
        TryGetBoolean(keyword, out bool v) ? v : throw Missing(keyword, "a logical");

    /// <summary>Gets a logical value, or a default when absent.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="defaultValue">Returned when the keyword is absent or not logical.</param>
    /// <returns>The value or the default.</returns>
    public bool GetBoolean(string keyword, bool defaultValue) =>
        TryGetBoolean(keyword, out bool v) ? v : defaultValue;

    /// <summary>Gets an integer value.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The keyword is absent or not an integer.</exception>
    public long GetInt64(string keyword) =>
        TryGetInt64(keyword, out long v) ? v : throw Missing(keyword, "an integer");

    /// <summary>Gets an integer value, or a default when absent.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="defaultValue">Returned when the keyword is absent or not an integer.</param>
    /// <returns>The value or the default.</returns>
    public long GetInt64(string keyword, long defaultValue) =>
        TryGetInt64(keyword, out long v) ? v : defaultValue;

    /// <summary>Gets a floating-point value (integers are converted).</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The keyword is absent or not numeric.</exception>
    public double GetDouble(string keyword) =>
        TryGetDouble(keyword, out double v) ? v : throw Missing(keyword, "a number");

    /// <summary>Gets a floating-point value, or a default when absent.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <param name="defaultValue">Returned when the keyword is absent or not numeric.</param>
    /// <returns>The value or the default.</returns>
    public double GetDouble(string keyword, double defaultValue) =>
        TryGetDouble(keyword, out double v) ? v : defaultValue;

    /// <summary>Sets a string value: replaces the first card with this keyword, or appends one.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value (printable ASCII; long values use <c>CONTINUE</c>).</param>
    /// <param name="comment">An optional comment; null keeps the existing card's comment.</param>
    public void Set(string keyword, string value, string? comment = null) => Put(FitsCard.Create(keyword, value, comment));

    /// <summary>Sets a logical value: replaces the first card with this keyword, or appends one.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value.</param>
    /// <param name="comment">An optional comment; null keeps the existing card's comment.</param>
    public void Set(string keyword, bool value, string? comment = null) => Put(FitsCard.Create(keyword, value, comment));

    /// <summary>Sets an integer value: replaces the first card with this keyword, or appends one.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value.</param>
    /// <param name="comment">An optional comment; null keeps the existing card's comment.</param>
    public void Set(string keyword, long value, string? comment = null) => Put(FitsCard.Create(keyword, value, comment));

    /// <summary>Sets a floating-point value: replaces the first card with this keyword, or appends one.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value (finite).</param>
    /// <param name="comment">An optional comment; null keeps the existing card's comment.</param>
    public void Set(string keyword, double value, string? comment = null) => Put(FitsCard.Create(keyword, value, comment));

    /// <summary>Sets a complex value: replaces the first card with this keyword, or appends one.</summary>
    /// <param name="keyword">The keyword.</param>
    /// <param name="value">The value (finite parts).</param>
    /// <param name="comment">An optional comment; null keeps the existing card's comment.</param>
    public void Set(string keyword, Complex value, string? comment = null) => Put(FitsCard.Create(keyword, value, comment));

    /// <summary>Replaces the first valued card with the same keyword as <paramref name="card"/>, or appends it.
    /// Commentary cards are always appended.</summary>
    /// <param name="card">The card.</param>
    public void Put(FitsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        int i = card.IsCommentary ? -1 : IndexOf(card.Keyword);
        if (i < 0)
        {
            _cards.Add(card);
            return;
        }

        if (card.Comment is null && _cards[i].Comment is { } old)
        {
            card = new FitsCard(card.Keyword, card.Kind, card.Value, old, null);
        }

        _cards[i] = card;
    }

    /// <summary>Appends a card at the end (duplicates allowed).</summary>
    /// <param name="card">The card.</param>
    public void Add(FitsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _cards.Add(card);
    }

    /// <summary>Inserts a card at a 0-based position.</summary>
    /// <param name="index">The position.</param>
    /// <param name="card">The card.</param>
    public void Insert(int index, FitsCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _cards.Insert(index, card);
    }

    /// <summary>Removes every valued card with this keyword.</summary>
    /// <param name="keyword">The keyword (case-insensitive).</param>
    /// <returns>The number of cards removed.</returns>
    public int Remove(string keyword) =>
        _cards.RemoveAll(c => !c.IsCommentary && string.Equals(c.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>Appends <c>HISTORY</c> cards; text longer than 72 characters is spread over several cards.</summary>
    /// <param name="text">Printable ASCII text.</param>
    public void AddHistory(string text) => AddCommentary("HISTORY", text);

    /// <summary>Appends <c>COMMENT</c> cards; text longer than 72 characters is spread over several cards.</summary>
    /// <param name="text">Printable ASCII text.</param>
    public void AddComment(string text) => AddCommentary("COMMENT", text);

    /// <inheritdoc/>
    public IEnumerator<FitsCard> GetEnumerator() => _cards.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the header as card images, one 80-character line per image, ending with <c>END</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var card in _cards)
        {
            string images = card.ToImages();
            for (int i = 0; i < images.Length; i += CardText.CardLength)
            {
                sb.Append(images, i, CardText.CardLength).Append('\n');
            }
        }

        return sb.Append("END").Append('\n').ToString();
    }

    internal void RemoveWhere(Predicate<FitsCard> match) => _cards.RemoveAll(match);

    private void AddCommentary(string keyword, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            _cards.Add(FitsCard.CreateCommentary(keyword, string.Empty));
        }

        for (int i = 0; i < text.Length; i += 72)
        {
            _cards.Add(FitsCard.CreateCommentary(keyword, text.Substring(i, Math.Min(72, text.Length - i))));
        }
    }

    private IEnumerable<string> Commentary(string keyword)
    {
        foreach (var c in _cards)
        {
            if (c.IsCommentary && c.Keyword == keyword)
            {
                yield return (string)c.Value!;
            }
        }
    }

    private static KeyNotFoundException Missing(string keyword, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"FITS header has no keyword {keyword.ToUpperInvariant()} holding {what}"));
}

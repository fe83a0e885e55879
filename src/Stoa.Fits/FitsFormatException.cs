namespace Stoa.Fits;

/// <summary>
/// Thrown when bytes do not form a valid FITS file: not FITS at all, a truncated file, a malformed header card,
/// a bad <c>BITPIX</c>, <c>NAXIS</c> values that do not match the data, a bad <c>TFORMn</c>, and so on.
/// The message names the HDU (0-based, the primary HDU is 0), the card number (1-based, counted from the start
/// of that HDU's header) when a card is at fault, and what is wrong.
/// </summary>
public sealed class FitsFormatException : Exception
{
    /// <summary>Creates the exception with a message only (no HDU or card known).</summary>
    /// <param name="message">What is wrong.</param>
    public FitsFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public FitsFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the HDU and, if known, the card at fault.</summary>
    /// <param name="hduIndex">0-based HDU index (0 is the primary HDU).</param>
    /// <param name="cardNumber">1-based card number within that HDU's header, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong.</param>
    public FitsFormatException(int hduIndex, int? cardNumber, string problem)
        : base(Describe(hduIndex, cardNumber, problem))
    {
        HduIndex = hduIndex;
        CardNumber = cardNumber;
        Problem = problem;
    }

    private FitsFormatException(string message, FitsFormatException inner)
        : base(message, inner)
    {
        HduIndex = inner.HduIndex;
        CardNumber = inner.CardNumber;
        Problem = inner.Problem;
    }

    /// <summary>Gets the 0-based index of the HDU at fault (0 is the primary HDU), or <see langword="null"/>.</summary>
    public int? HduIndex { get; }

    /// <summary>Gets the 1-based number of the header card at fault within its HDU, or <see langword="null"/>.</summary>
    public int? CardNumber { get; }

    /// <summary>Gets the description of what is wrong, without the location prefix.</summary>
    public string? Problem { get; }

    /// <summary>The same error, its message prefixed with the file it came from.</summary>
    internal FitsFormatException InFile(string path) => new($"{path}: {Message}", this);

    private static string Describe(int hduIndex, int? cardNumber, string problem) =>
        cardNumber is { } card ? $"FITS HDU {hduIndex}, card {card}: {problem}" : $"FITS HDU {hduIndex}: {problem}";
}

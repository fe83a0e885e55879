using System.Globalization;
using System.Text.RegularExpressions;

namespace Stoa.Fits;

/// <summary>A parsed <c>TFORMn</c>: <c>rT</c>, or <c>rPT(max)</c>/<c>rQT(max)</c> for variable-length arrays.</summary>
internal sealed partial record ColumnFormat(FitsColumnType Type, int Repeat, char? Descriptor, long MaxLength)
{
    public bool IsVariableLength => Descriptor is not null;

    /// <summary>Gets the bytes one element occupies in the heap or in a row (bits count as 1/8, rounded per field).</summary>
    public int ElementSize => SizeOf(Type);

    /// <summary>Gets the bytes the field occupies in a row.</summary>
    public long FieldWidth => Descriptor switch
    {
        'P' => 8L * Repeat,
        'Q' => 16L * Repeat,
        _ => Type == FitsColumnType.Bit ? (Repeat + 7L) / 8 : (long)Repeat * ElementSize,
    };

    public static int SizeOf(FitsColumnType type) => type switch
    {
        FitsColumnType.Logical or FitsColumnType.Bit or FitsColumnType.Byte or FitsColumnType.String => 1,
        FitsColumnType.Int16 => 2,
        FitsColumnType.Int32 or FitsColumnType.Single => 4,
        FitsColumnType.Int64 or FitsColumnType.Double or FitsColumnType.ComplexSingle => 8,
        FitsColumnType.ComplexDouble => 16,
        _ => 1,
    };

    public static char Letter(FitsColumnType type) => type switch
    {
        FitsColumnType.Logical => 'L',
        FitsColumnType.Bit => 'X',
        FitsColumnType.Byte => 'B',
        FitsColumnType.Int16 => 'I',
        FitsColumnType.Int32 => 'J',
        FitsColumnType.Int64 => 'K',
        FitsColumnType.Single => 'E',
        FitsColumnType.Double => 'D',
        FitsColumnType.String => 'A',
        FitsColumnType.ComplexSingle => 'C',
        _ => 'M',
    };

    public override string ToString() => Descriptor is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"1{d}{Letter(Type)}({MaxLength})")
        : string.Create(CultureInfo.InvariantCulture, $"{Repeat}{Letter(Type)}");

    /// <exception cref="FitsFormatException">The text is not a binary-table TFORM.</exception>
    public static ColumnFormat Parse(string text, int hdu, int card, int column)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            throw new FitsFormatException(hdu, card, $"TFORM{column} = '{text}' is not a binary-table format (rT with T one of L X B I J K A E D C M, or rPT(max)/rQT(max))");
        }

        long repeat = 1;
        if (m.Groups[1].Length > 0 && !long.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out repeat))
        {
            throw new FitsFormatException(hdu, card, $"TFORM{column} = '{text}': the repeat count is too large");
        }

        if (repeat > int.MaxValue)
        {
            throw new FitsFormatException(hdu, card, $"TFORM{column} = '{text}': repeat count {repeat} exceeds {int.MaxValue}");
        }

        char letter = m.Groups[2].Value[0];
        if (letter is 'P' or 'Q')
        {
            if (repeat > 1 || m.Groups[3].Length == 0)
            {
                throw new FitsFormatException(hdu, card, $"TFORM{column} = '{text}': a variable-length array descriptor needs repeat 0 or 1 and an element type");
            }

            long max = 0;
            if (m.Groups[4].Length > 0 && !long.TryParse(m.Groups[4].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                max = long.MaxValue;
            }

            return new ColumnFormat(TypeOf(m.Groups[3].Value[0]), (int)repeat, letter, max);
        }

        if (m.Groups[3].Length > 0 || (m.Groups[5].Length > 0 && letter != 'A'))
        {
            throw new FitsFormatException(hdu, card, $"TFORM{column} = '{text}' has unexpected text after the type letter");
        }

        return new ColumnFormat(TypeOf(letter), (int)repeat, null, 0);
    }

    private static FitsColumnType TypeOf(char letter) => letter switch
    {
        'L' => FitsColumnType.Logical,
        'X' => FitsColumnType.Bit,
        'B' => FitsColumnType.Byte,
        'I' => FitsColumnType.Int16,
        'J' => FitsColumnType.Int32,
        'K' => FitsColumnType.Int64,
        'E' => FitsColumnType.Single,
        'D' => FitsColumnType.Double,
        'A' => FitsColumnType.String,
        'C' => FitsColumnType.ComplexSingle,
        _ => FitsColumnType.ComplexDouble,
    };

    // r, type letter, then either a P/Q element type with optional (max), or the A sub-field width ("rAw").
    [GeneratedRegex(@"^([0-9]*)([LXBIJKAEDCMPQ])(?:([LXBIJKAEDCM])(?:\(([0-9]*)\))?|([0-9]+))?$")]
    private static partial Regex Pattern();
}

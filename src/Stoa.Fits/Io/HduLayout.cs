namespace Stoa.Fits;

/// <summary>What kind of HDU a header describes.</summary>
internal enum HduKind
{
    Image,
    BinaryTable,
    RandomGroups,
    Other,
}

/// <summary>The structure a header declares (FITS 4.0 sections 4.4.1 and 7): kind, BITPIX, axes, data size.</summary>
internal sealed class HduLayout
{
    private HduLayout(HduKind kind, FitsBitpix bitpix, long[] axes, long pcount, long gcount, long dataLength, string? extension)
    {
        Kind = kind;
        Bitpix = bitpix;
        Axes = axes;
        PCount = pcount;
        GCount = gcount;
        DataLength = dataLength;
        Extension = extension;
    }

    public HduKind Kind { get; }

    public FitsBitpix Bitpix { get; }

    public long[] Axes { get; }

    public long PCount { get; }

    public long GCount { get; }

    /// <summary>Gets the data bytes, without the padding to 2880.</summary>
    public long DataLength { get; }

    public string? Extension { get; }

    public static long Padded(long length) => (length + HeaderReader.BlockSize - 1) / HeaderReader.BlockSize * HeaderReader.BlockSize;

    /// <summary>Checks the mandatory keywords in their required order and computes the data size.</summary>
    /// <exception cref="FitsFormatException">A mandatory keyword is missing, misplaced or out of range.</exception>
    public static HduLayout From(FitsHeader header, int hdu)
    {
        int position = 0;
        string? extension = null;
        if (hdu == 0)
        {
            Expect(header, hdu, position++, "SIMPLE", FitsValueKind.Logical);
        }
        else
        {
            var card = Expect(header, hdu, position++, "XTENSION", FitsValueKind.String);
            extension = ((string)card.Value!).Trim();
        }

        long bitpixValue = (long)Expect(header, hdu, position++, "BITPIX", FitsValueKind.Integer).Value!;
        if (bitpixValue is not (8 or 16 or 32 or 64 or -32 or -64))
        {
            throw new FitsFormatException(hdu, CardNumber(header, 1), $"BITPIX = {bitpixValue} is not one of 8, 16, 32, 64, -32, -64");
        }

        var bitpix = (FitsBitpix)(int)bitpixValue;
        long naxis = (long)Expect(header, hdu, position++, "NAXIS", FitsValueKind.Integer).Value!;
        if (naxis is < 0 or > 999)
        {
            throw new FitsFormatException(hdu, CardNumber(header, 2), $"NAXIS = {naxis} is outside 0-999");
        }

        var axes = new long[naxis];
        for (int i = 0; i < naxis; i++)
        {
            axes[i] = (long)Expect(header, hdu, position++, "NAXIS" + (i + 1), FitsValueKind.Integer).Value!;
            if (axes[i] < 0)
            {
                throw new FitsFormatException(hdu, CardNumber(header, position - 1), $"NAXIS{i + 1} = {axes[i]} is negative");
            }
        }

        long pcount = 0;
        long gcount = 1;
        if (hdu > 0)
        {
            pcount = (long)Expect(header, hdu, position++, "PCOUNT", FitsValueKind.Integer).Value!;
            gcount = (long)Expect(header, hdu, position++, "GCOUNT", FitsValueKind.Integer).Value!;
            if (pcount < 0 || gcount < 0)
            {
                throw new FitsFormatException(hdu, CardNumber(header, position - 2), $"PCOUNT = {pcount} and GCOUNT = {gcount} must not be negative");
            }
        }

        HduKind kind;
        if (hdu == 0 && naxis > 0 && axes[0] == 0 && header.GetBoolean("GROUPS", false))
        {
            kind = HduKind.RandomGroups;
            pcount = header.GetInt64("PCOUNT", 0);
            gcount = header.GetInt64("GCOUNT", 1);
            if (pcount < 0 || gcount < 0)
            {
                throw new FitsFormatException(hdu, null, $"random groups PCOUNT = {pcount} and GCOUNT = {gcount} must not be negative");
            }
        }
        else
        {
            kind = extension switch
            {
                null or "IMAGE" => HduKind.Image,
                "BINTABLE" => HduKind.BinaryTable,
                _ => HduKind.Other,
            };
        }

        if (kind == HduKind.Image && extension == "IMAGE" && (pcount != 0 || gcount != 1))
        {
            throw new FitsFormatException(hdu, CardNumber(header, position - 1), $"an IMAGE extension needs PCOUNT = 0 and GCOUNT = 1, not {pcount} and {gcount}");
        }

        if (kind == HduKind.BinaryTable)
        {
            if (bitpix != FitsBitpix.UInt8 || naxis != 2 || gcount != 1)
            {
                throw new FitsFormatException(hdu, null, $"a BINTABLE needs BITPIX = 8, NAXIS = 2 and GCOUNT = 1, not {bitpixValue}, {naxis} and {gcount}");
            }
        }

        long length;
        try
        {
            long product = naxis == 0 ? 0 : 1;
            for (int i = kind == HduKind.RandomGroups ? 1 : 0; i < naxis; i++)
            {
                product = checked(product * axes[i]);
            }

            // FITS 4.0 eq. 2: |BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISm); random groups skip NAXIS1 (eq. 4).
            length = naxis == 0 && kind != HduKind.Other ? 0 : checked(Math.Abs(bitpixValue) / 8 * gcount * (pcount + product));
            if (naxis == 0 && kind == HduKind.Other)
            {
                length = checked(Math.Abs(bitpixValue) / 8 * gcount * pcount);
            }
        }
        catch (OverflowException)
        {
            throw new FitsFormatException(hdu, null, "the data size declared by NAXISn, PCOUNT and GCOUNT overflows 64 bits");
        }

        return new HduLayout(kind, bitpix, axes, pcount, gcount, length, extension);
    }

    /// <summary>The 1-based physical card number of the logical card at <paramref name="index"/>.</summary>
    public static int CardNumber(FitsHeader header, int index)
    {
        int number = 1;
        for (int i = 0; i < index && i < header.Count; i++)
        {
            number += (header[i].RawImages?.Length ?? 80) / 80;
        }

        return number;
    }

    private static FitsCard Expect(FitsHeader header, int hdu, int index, string keyword, FitsValueKind kind)
    {
        if (index >= header.Count)
        {
            throw new FitsFormatException(hdu, CardNumber(header, index), $"mandatory keyword {keyword} is missing (the header ends first)");
        }

        var card = header[index];
        if (card.Keyword != keyword)
        {
            throw new FitsFormatException(hdu, CardNumber(header, index), $"expected mandatory keyword {keyword} here, found '{card.Keyword}'");
        }

        if (card.Kind != kind)
        {
            throw new FitsFormatException(hdu, CardNumber(header, index), $"{keyword} must hold {Describe(kind)}, not {Describe(card.Kind)} ('{card.ValueText()}')");
        }

        return card;
    }

    private static string Describe(FitsValueKind kind) => kind switch
    {
        FitsValueKind.Logical => "a logical",
        FitsValueKind.Integer => "an integer",
        FitsValueKind.String => "a string",
        FitsValueKind.Real => "a real",
        FitsValueKind.Complex => "a complex",
        FitsValueKind.Undefined => "an undefined value",
        _ => "commentary",
    };
}

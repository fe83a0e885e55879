using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stoa.Fits.Tests.Support;
using Stoa.Fits.Tests.Tables;

namespace Stoa.Fits.Tests.Io;

/// <summary>Damaged files either read or fail with <see cref="FitsFormatException"/> — never anything else.</summary>
public class MutatedFileProperties
{
    private static readonly byte[] Valid = BuildValid();

    private static byte[] BuildValid()
    {
        var image = FitsImage.Create(Enumerable.Range(0, 60).Select(i => (short)i).ToArray(), 5, 4, 3);
        image.Header.Set("LONGSTR", new string('x', 150));
        image.Header.AddHistory("made for mutation");
        var cube = FitsImage.CreateCasaPlane(Enumerable.Range(0, 16).Select(i => i * 0.5f).ToArray(), 4, 4);
        var table = FitsTable.Create(TableRoundTripProperties.AllTypes(rows: 12, seed: 5));
        return FitsBytes.ToBytes(image, table, cube);
    }

    private static void ReadEverything(byte[] bytes, bool seekable)
    {
        try
        {
            using var file = FitsBytes.Open(bytes, seekable);
            foreach (var hdu in file.Hdus)
            {
                _ = hdu.Header.ToString();
                switch (hdu)
                {
                    case FitsImage image:
                        image.ReadPixels<double>();
                        image.ReadPixels<float>();
                        break;
                    case FitsTable table:
                        foreach (var column in table.Columns)
                        {
                            _ = column.Data;
                        }

                        break;
                    case FitsRawHdu raw:
                        raw.ReadData();
                        break;
                }

                _ = CelestialWcs.TryFromHeader(hdu.Header, out _);
            }
        }
        catch (FitsFormatException)
        {
            // The only acceptable failure.
        }
    }

    private static Gen<(int Position, byte Value)[]> Flips =>
        Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Valid.Length - 1), Gen.Choose(0, 255).Select(b => (byte)b)), 1).SelectMany(_ =>
            Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Valid.Length - 1), Gen.Choose(0, 255).Select(b => (byte)b)), n)));

    [Property(MaxTest = 400)]
    public Property Flipped_Bytes_Read_Or_Throw_FitsFormatException(bool seekable) =>
        Prop.ForAll(Flips.ToArbitrary(), flips =>
        {
            var bytes = (byte[])Valid.Clone();
            foreach (var (position, value) in flips)
            {
                bytes[position] = value;
            }

            ReadEverything(bytes, seekable);
        });

    [Property(MaxTest = 200)]
    public Property Header_Digits_Changed_Read_Or_Throw_FitsFormatException(bool seekable) =>
        Prop.ForAll(Gen.Choose(0, Valid.Length - 1).ToArbitrary(), Gen.Elements("0123456789-+. '()TFE".ToCharArray()).ToArbitrary(), (position, c) =>
        {
            // Aim at header text: move to the nearest digit, so numbers (NAXISn, TFORMn, PCOUNT …) change.
            var bytes = (byte[])Valid.Clone();
            int p = position;
            while (p < bytes.Length && !char.IsAsciiDigit((char)bytes[p]))
            {
                p++;
            }

            if (p < bytes.Length)
            {
                bytes[p] = (byte)c;
            }

            ReadEverything(bytes, seekable);
        });

    [Property(MaxTest = 200)]
    public Property Truncated_Or_Cut_Files_Read_Or_Throw_FitsFormatException(bool seekable) =>
        Prop.ForAll(Gen.Choose(0, Valid.Length).ToArbitrary(), Gen.Choose(0, Valid.Length / 2880).ToArbitrary(), (length, block) =>
        {
            ReadEverything(Valid[..length], seekable);
            int from = Math.Min(block * 2880, Valid.Length);
            int to = Math.Min(from + 2880, Valid.Length);
            byte[] cut = [.. Valid.AsSpan(0, from), .. Valid.AsSpan(to)];
            ReadEverything(cut, seekable);
        });
}

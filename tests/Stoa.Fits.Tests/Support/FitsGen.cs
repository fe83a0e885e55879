using FsCheck;
using FsCheck.Fluent;
using System.Numerics;

namespace Stoa.Fits.Tests.Support;

/// <summary>FsCheck generators for FITS header content.</summary>
internal static class FitsGen
{
    private static readonly string[] Reserved =
    [
        "SIMPLE", "XTENSION", "BITPIX", "NAXIS", "EXTEND", "PCOUNT", "GCOUNT", "END", "COMMENT", "HISTORY", "CONTINUE",
        "BSCALE", "BZERO", "BLANK", "CHECKSUM", "DATASUM", "TFIELDS", "THEAP", "GROUPS",
    ];

    public static Gen<string> Keyword =>
        Gen.Choose(1, 8)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".ToCharArray()), n))
            .Select(cs => new string(cs))
            .Where(k => !Reserved.Contains(k) && !k.StartsWith("NAXIS", StringComparison.Ordinal) && !System.Text.RegularExpressions.Regex.IsMatch(k, "^T(TYPE|FORM|UNIT|NULL|SCAL|ZERO|DISP|UCD)[0-9]+$"));

    /// <summary>Printable ASCII without trailing blanks (FITS does not keep those), quotes and ampersands included.</summary>
    public static Gen<string> Text(int maxLength) =>
        Gen.Choose(0, maxLength)
            .SelectMany(n => Gen.ArrayOf(Gen.Frequency((6, Gen.Choose(' ', '~').Select(c => (char)c)), (1, Gen.Elements('\'', '&', '/', ' '))), n))
            .Select(cs => new string(cs).TrimEnd(' '));

    public static Gen<double> FiniteDouble =>
        Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (double)i),
            Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2)).Where(double.IsFinite),
            Gen.Elements(0.0, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 0.1, 1e-300, 6.02214076e23));

    public static Gen<FitsCard> Card =>
        Keyword.SelectMany(key => Text(20).Select(c => c.Trim()).SelectMany(comment => Gen.OneOf(
            Text(200).Select(v => FitsCard.Create(key, v, comment)),
            Gen.Elements(true, false).Select(v => FitsCard.Create(key, v, comment)),
            Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => FitsCard.Create(key, ((long)t.Item1 << 32) | (uint)t.Item2, comment)),
            FiniteDouble.Select(v => FitsCard.Create(key, v, comment)),
            FiniteDouble.Two().Select(t => FitsCard.Create(key, new Complex(t.Item1, t.Item2), comment.Length > 4 ? comment[..4].Trim() : comment)),
            Gen.Constant(FitsCard.CreateUndefined(key, comment)),
            Text(72).Select(t => FitsCard.CreateCommentary("HISTORY", t)),
            Text(72).Select(t => FitsCard.CreateCommentary("COMMENT", t)))));

    public static Gen<FitsCard[]> Cards => Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(Card, n));
}

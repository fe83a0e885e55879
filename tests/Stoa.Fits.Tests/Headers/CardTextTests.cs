using System.Numerics;
using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Headers;

public class CardTextTests
{
    private static FitsHeader ReadHeader(params string[] extraCards)
    {
        var bytes = FitsBytes.Header(["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0", .. extraCards]);
        using var file = FitsBytes.Open(bytes);
        return file.Primary.Header;
    }

    [Fact]
    public void Values_Of_Every_Kind_Are_Parsed()
    {
        var h = ReadHeader(
            "STR     = 'O''Brien '           / a quoted quote",
            "LOG     =                    F",
            "INT     =                 -42 / answer",
            "REAL    =            -1.5D+03",
            "CPLX    = (1.5, -2)",
            "UNDEF   =                      / nothing",
            "COMMENT   free text",
            "HISTORY step 1",
            "FREE    = 'x'/no space before slash");
        Assert.Equal("O'Brien", h.GetString("STR"));
        Assert.Equal("a quoted quote", h.Find("STR")!.Comment);
        Assert.False(h.GetBoolean("LOG"));
        Assert.Equal(-42, h.GetInt64("INT"));
        Assert.Equal(-1500.0, h.GetDouble("REAL"));
        Assert.Equal(new Complex(1.5, -2), h.Find("CPLX")!.Value);
        Assert.Equal(FitsValueKind.Undefined, h.Find("UNDEF")!.Kind);
        Assert.Equal(["  free text"], h.Comments);
        Assert.Equal(["step 1"], h.History);
        Assert.Equal("x", h.GetString("FREE"));
    }

    [Fact]
    public void Continue_Cards_Join_Into_One_Long_String()
    {
        var h = ReadHeader(
            "LONG    = 'first part &'",
            "CONTINUE  'second part&'",
            "CONTINUE  ' end' / the comment");
        Assert.Equal("first part second part end", h.GetString("LONG"));
        Assert.Equal("the comment", h.Find("LONG")!.Comment);
    }

    [Fact]
    public void Long_Strings_Are_Written_With_Continue_And_Read_Back()
    {
        string value = string.Concat(Enumerable.Repeat("abc'def&", 40));
        var image = FitsImage.CreateEmpty();
        image.Header.Set("LONGSTR", value, "a comment that is long enough to need its own continuation card maybe");
        using var file = FitsBytes.Open(FitsBytes.ToBytes(image));
        var card = file.Primary.Header.Find("LONGSTR")!;
        Assert.Equal(value, card.Value);
        Assert.Equal("a comment that is long enough to need its own continuation card maybe", card.Comment);
    }

    [Fact]
    public void Unknown_Cards_Are_Written_Back_Byte_For_Byte()
    {
        var cards = new[]
        {
            "SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0",
            "EXTEND  =                    T",
            "HIERARCH ESO DET CHIP = 'CCD-1'  / hierarchical keyword, kept as text",
            "ODDNUM  =       1.000000000E0   / odd but valid formatting",
            "BIGINT  = 123456789012345678901234 / beyond 64 bits",
            "COMMENT   spaced   comment",
        };
        using var file = FitsBytes.Open(FitsBytes.Header(cards));
        var written = System.Text.Encoding.ASCII.GetString(FitsBytes.ToBytes(file.Primary));
        foreach (var card in cards.Skip(4))
        {
            Assert.Contains(card.PadRight(80), written, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("BADVAL  = 12abc", "12abc")]
    [InlineData("NOQUOTE = 'unterminated", "closing quote")]
    [InlineData("lower   = 1", "not a valid keyword")]
    [InlineData("CPLX    = (1, )", "complex")]
    public void Bad_Cards_Throw_FitsFormatException_Naming_Hdu_And_Card(string card, string expected)
    {
        var e = Assert.Throws<FitsFormatException>(() => ReadHeader("OK      = 1", card));
        Assert.Equal(0, e.HduIndex);
        Assert.Equal(5, e.CardNumber);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_Accessors_Report_Missing_And_Mismatched_Keywords()
    {
        var h = new FitsHeader();
        h.Set("A", 3L);
        h.Set("S", "text");
        Assert.Equal(3.0, h.GetDouble("a"));
        Assert.Throws<KeyNotFoundException>(() => h.GetString("A"));
        Assert.Throws<KeyNotFoundException>(() => h.GetInt64("MISSING"));
        Assert.Equal(7, h.GetInt64("MISSING", 7));
        Assert.Throws<ArgumentException>(() => h.Set("TOOLONGKEY", 1L));
        Assert.Throws<ArgumentException>(() => h.Set("X", double.NaN));
        Assert.Throws<ArgumentException>(() => h.Set("X", "caf\u00e9"));
    }

    [Fact]
    public void Set_Replaces_The_First_Card_And_Keeps_Its_Comment()
    {
        var h = new FitsHeader();
        h.Set("OBJECT", "M31", "target");
        h.Set("OBJECT", "M33");
        Assert.Single(h);
        Assert.Equal("M33", h.GetString("OBJECT"));
        Assert.Equal("target", h.Find("OBJECT")!.Comment);
    }
}

using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Io;

public class MalformedInputTests
{
    private static readonly string[] Primary = ["SIMPLE  =                    T", "BITPIX  =                  -32", "NAXIS   =                    2", "NAXIS1  =                   10", "NAXIS2  =                   10"];

    private static FitsFormatException Fails(byte[] bytes)
    {
        return Assert.Throws<FitsFormatException>(() =>
        {
            using var file = FitsBytes.Open(bytes);
            foreach (var hdu in file.Hdus)
            {
                (hdu as FitsImage)?.ReadPixels<double>();
                _ = (hdu as FitsTable)?.Columns.Select(c => c.Data).ToList();
            }
        });
    }

    [Fact]
    public void Not_Fits_At_All()
    {
        var e = Fails(System.Text.Encoding.ASCII.GetBytes("<html>hello</html>".PadRight(4000)));
        Assert.Contains("not a FITS file", e.Message, StringComparison.Ordinal);
        Assert.Contains("empty", Fails([]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_Data_Names_The_Hdu()
    {
        var bytes = FitsBytes.Header(Primary).Concat(new byte[200]).ToArray();
        var e = Fails(bytes);
        Assert.Equal(0, e.HduIndex);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Fails(bytes, seekable: false).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_Header_Names_The_Card()
    {
        var bytes = FitsBytes.Header(Primary)[..1000];
        var e = Fails(bytes);
        Assert.Contains("truncated header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_Bitpix_Names_Card_2()
    {
        var e = Fails(FitsBytes.Header("SIMPLE  =                    T", "BITPIX  =                   12", "NAXIS   =                    0"));
        Assert.Equal(2, e.CardNumber);
        Assert.Contains("BITPIX = 12", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_Or_Misplaced_Naxis_Is_Named()
    {
        var e = Fails(FitsBytes.Header("SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    2", "NAXIS1  =                    3", "OBJECT  = 'x'"));
        Assert.Equal(5, e.CardNumber);
        Assert.Contains("NAXIS2", e.Message, StringComparison.Ordinal);
        e = Fails(FitsBytes.Header("SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                 1000"));
        Assert.Contains("NAXIS = 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_Width_Mismatch_Is_Named()
    {
        var table = FitsBytes.ToBytes(FitsTable.Create(new FitsColumn("a", new[] { 1.0, 2.0 })));
        string text = System.Text.Encoding.ASCII.GetString(table);
        text = text.Replace("NAXIS1  =                    8", "NAXIS1  =                    9", StringComparison.Ordinal);
        var e = Fails(System.Text.Encoding.ASCII.GetBytes(text));
        Assert.Equal(1, e.HduIndex);
        Assert.Contains("NAXIS1 = 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_Tform_Is_Named()
    {
        var table = FitsBytes.ToBytes(FitsTable.Create(new FitsColumn("a", new[] { 1.0, 2.0 })));
        string text = System.Text.Encoding.ASCII.GetString(table).Replace("TFORM1  = '1D      '", "TFORM1  = '1Z      '", StringComparison.Ordinal);
        var e = Fails(System.Text.Encoding.ASCII.GetBytes(text));
        Assert.Contains("TFORM1 = '1Z'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_After_The_Last_Hdu_Is_Reported()
    {
        var bytes = FitsBytes.ToBytes(FitsImage.CreateEmpty()).Concat(System.Text.Encoding.ASCII.GetBytes("GARBAGE".PadRight(2880))).ToArray();
        var e = Fails(bytes);
        Assert.Equal(1, e.HduIndex);
        Assert.Contains("XTENSION", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_Errors_Name_The_File()
    {
        string path = Path.Combine(Path.GetTempPath(), $"stoa-bad-{Guid.NewGuid():N}.fits");
        File.WriteAllBytes(path, FitsBytes.Header("SIMPLE  =                    T", "BITPIX  =                    7", "NAXIS   =                    0"));
        try
        {
            var e = Assert.Throws<FitsFormatException>(() => FitsFile.Open(path));
            Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
            Assert.Equal(2, e.CardNumber);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_File_Can_Be_Rewritten_While_It_Is_Open_For_Reading()
    {
        string path = Path.Combine(Path.GetTempPath(), $"stoa-rewrite-{Guid.NewGuid():N}.fits");
        try
        {
            FitsFile.Write(path, FitsImage.Create(new[] { 1f, 2f, 3f, 4f }, 2, 2));
            using (var file = FitsFile.Open(path))
            {
                var image = file.GetImage(0);
                image.Header.Set("EDITED", true);
                FitsFile.Write(path, image, FitsTable.Create(new FitsColumn("x", new[] { 5 })));
                Assert.Equal([1f, 2f, 3f, 4f], image.ReadPixels<float>());
            }

            using var again = FitsFile.Open(path);
            Assert.True(again.Primary.Header.GetBoolean("EDITED"));
            Assert.Equal([1f, 2f, 3f, 4f], again.GetImage(0).ReadPixels<float>());
            Assert.Equal(2, again.Hdus.Count);
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}.*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FitsFormatException Fails(byte[] bytes, bool seekable) =>
        Assert.Throws<FitsFormatException>(() =>
        {
            using var file = FitsBytes.Open(bytes, seekable);
            foreach (var hdu in file.Hdus)
            {
                (hdu as FitsImage)?.ReadPixels<double>();
            }
        });
}

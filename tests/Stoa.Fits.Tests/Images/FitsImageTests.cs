using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Images;

public class FitsImageTests
{
    [Fact]
    public void Casa_Plane_Has_Four_Axes_And_Plane_Accessors()
    {
        var pixels = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        var image = FitsImage.CreateCasaPlane(pixels, width: 4, height: 3);
        using var file = FitsBytes.Open(FitsBytes.ToBytes(image));
        var read = file.GetImage(0);
        Assert.Equal([4L, 3L, 1L, 1L], read.Axes);
        Assert.True(read.IsPlane);
        Assert.Equal(4, read.Width);
        Assert.Equal(3, read.Height);
        var data = read.ReadPixels<float>();
        Assert.Equal(2 * 4 + 1, data[(2 * read.Width) + 1]);
    }

    [Fact]
    public void Bscale_And_Bzero_Give_Physical_Values_And_Blank_Gives_NaN()
    {
        byte[] header = FitsBytes.Header(
            "SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    1", "NAXIS1  =                    3",
            "BSCALE  =                  0.5", "BZERO   =                 10.0", "BLANK   =                   -1");
        byte[] data = new byte[2880];
        data[0] = 0; data[1] = 4;           // 4
        data[2] = 0xFF; data[3] = 0xFF;     // -1 = BLANK
        data[4] = 0xFF; data[5] = 0xFE;     // -2
        using var file = FitsBytes.Open([.. header, .. data]);
        var image = file.GetImage(0);
        var values = image.ReadPixels<double>();
        Assert.Equal(12.0, values[0]);
        Assert.True(double.IsNaN(values[1]));
        Assert.Equal(9.0, values[2]);
        Assert.Equal([12f, float.NaN, 9f], image.ReadPixels<float>());
        Assert.Throws<InvalidOperationException>(() => image.ReadPixels<short>());
    }

    [Fact]
    public void Empty_Primary_Has_No_Pixels()
    {
        using var file = FitsBytes.Open(FitsBytes.ToBytes(FitsImage.CreateEmpty()));
        var image = file.GetImage(0);
        Assert.Equal(0, image.PixelCount);
        Assert.Empty(image.ReadPixels<float>());
        Assert.Throws<InvalidOperationException>(() => _ = image.Width);
    }

    [Fact]
    public void Wrong_Pixel_Count_Or_Type_Is_Rejected()
    {
        Assert.Throws<ArgumentException>(() => FitsImage.Create(new float[5], 2, 3));
        Assert.Throws<NotSupportedException>(() => _ = FitsImage.Create(new char[6], 2, 3));
    }
}

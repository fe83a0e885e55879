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

    [Fact]
    public void Nine_Hundred_Ninety_Nine_Axes_Round_Trip()
    {
        var axes = Enumerable.Repeat(1, 999).ToArray();
        axes[0] = 3;
        axes[998] = 2;
        var image = FitsImage.Create(new[] { 1.0, 2, 3, 4, 5, 6 }, axes);
        using var file = FitsBytes.Open(FitsBytes.ToBytes(image));
        var read = file.GetImage(0);
        Assert.Equal(999, read.Axes.Count);
        Assert.Equal(2, read.Axes[998]);
        Assert.False(read.IsPlane);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], read.ReadPixels<double>());
        Assert.Throws<ArgumentException>(() => FitsImage.Create(new float[1], Enumerable.Repeat(1, 1000).ToArray()));
    }

    [Fact]
    public void Pixels_Can_Be_Read_Into_A_Callers_Buffer()
    {
        var pixels = Enumerable.Range(0, 20).Select(i => (short)(i - 10)).ToArray();
        using var file = FitsBytes.Open(FitsBytes.ToBytes(FitsImage.Create(pixels, 5, 4)));
        var buffer = new double[20];
        file.GetImage(0).ReadPixels<double>(buffer);
        Assert.Equal(pixels.Select(p => (double)p), buffer);
        Assert.Throws<ArgumentException>(() => file.GetImage(0).ReadPixels<double>(new double[19]));
    }
}

using Stoa.Basc.Input;
using Stoa.Fits;

namespace Stoa.Basc.Tests.Input;

public sealed class SkyImageFitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basc-fits").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Two_D_And_Casa_Four_D_Images_Read_With_X_Along_Naxis1_And_Wcs()
    {
        var pixels = Enumerable.Range(0, 12 * 8).Select(i => (double)i).ToArray(); // value = y * 12 + x
        string flat = Path.Combine(_dir, "flat.fits");
        FitsFile.Write(flat, FitsImage.Create(pixels, 12, 8));
        var image = SkyImageFits.Read(flat);
        Assert.Equal((12, 8), (image.Width, image.Height));
        Assert.Equal((3 * 12) + 5, image[5, 3]);
        Assert.Null(image.PixelToWorld);

        string casa = Path.Combine(_dir, "casa.fits");
        var cube = FitsImage.CreateCasaPlane(pixels.Select(v => (float)v).ToArray(), 12, 8);
        CelestialWcs.Create(FitsProjection.Sin, 10.0, -30.0, 7, 5, -1.0 / 3600, 1.0 / 3600).WriteTo(cube.Header);
        FitsFile.Write(casa, cube);
        var read = SkyImageFits.Read(casa);
        Assert.Equal(image.Pixels.ToArray(), read.Pixels.ToArray());
        var (ra, dec) = read.PixelToWorld!(6, 4); // CRPIX (7, 5) is 1-based
        Assert.Equal(10.0, ra, 9);
        Assert.Equal(-30.0, dec, 9);
    }

    [Fact]
    public void Not_Fits_And_Cubes_Are_Named_Errors()
    {
        string junk = Path.Combine(_dir, "junk.fits");
        File.WriteAllText(junk, "this is not a FITS file");
        var e = Assert.Throws<BascInputException>(() => SkyImageFits.Read(junk));
        Assert.Equal(junk, e.File);

        string cube = Path.Combine(_dir, "cube.fits");
        FitsFile.Write(cube, FitsImage.Create(new double[8 * 8 * 3], 8, 8, 3));
        var c = Assert.Throws<BascInputException>(() => SkyImageFits.Read(cube));
        Assert.Contains("single plane", c.Problem);

        Assert.Contains("no such file", Assert.Throws<BascInputException>(() => SkyImageFits.Read(Path.Combine(_dir, "missing.fits"))).Message);
    }
}

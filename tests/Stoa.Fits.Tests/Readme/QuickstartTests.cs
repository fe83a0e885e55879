namespace Stoa.Fits.Tests.Readme;

/// <summary>The quickstart in src/Stoa.Fits/README.md is this compiled, executed code, line for line.</summary>
public class QuickstartTests
{
    private static void Quickstart()
    {
        // quickstart-begin
        // Write a CASA-style (1, 1, ny, nx) image with a celestial WCS, and a catalogue with units, UCDs and nulls.
        var image = FitsImage.CreateCasaPlane(new float[256 * 256], width: 256, height: 256);
        CelestialWcs.Create(FitsProjection.Sin, 187.7, 12.39, crpix1: 129, crpix2: 129, cdelt1: -0.002, cdelt2: 0.002).WriteTo(image.Header);
        image.Header.Set("BUNIT", "Jy/beam");
        var table = FitsTable.Create(
            new FitsColumn("ra", new[] { 187.70, 187.71 }) { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            new FitsColumn("flux", new double?[] { 0.012, null }) { Unit = "Jy", Ucd = "phot.flux.density" });
        FitsFile.Write("map.fits", image, table);

        // Read it back: pixels (x fastest), the WCS with 0-based pixels, and table columns.
        using var fits = FitsFile.Open("map.fits");
        var map = fits.GetImage(0);
        float[] pixels = map.ReadPixels<float>();                                      // pixel (x, y) is pixels[y * map.Width + x]
        var (ra, dec) = CelestialWcs.FromHeader(map.Header).PixelToWorld(128, 128);   // the reference pixel, CRPIX = 129
        double[] flux = fits.GetTable(1)["flux"].ToDoubleArray();                      // nulls as NaN
        // quickstart-end
        Assert.Equal(256 * 256, pixels.Length);
        Assert.Equal(187.7, ra, 9);
        Assert.Equal(12.39, dec, 9);
        Assert.True(double.IsNaN(flux[1]));
    }

    [Fact]
    public void Quickstart_Runs()
    {
        string previous = Environment.CurrentDirectory;
        string dir = Directory.CreateTempSubdirectory("stoa-quickstart").FullName;
        try
        {
            Environment.CurrentDirectory = dir;
            Quickstart();
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Readme_Quickstart_Is_The_Compiled_Code()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Stoa.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Stoa.sln not found above the test binaries");
        }

        string source = File.ReadAllText(Path.Combine(root, "tests", "Stoa.Fits.Tests", "Readme", "QuickstartTests.cs"));
        string readme = File.ReadAllText(Path.Combine(root, "src", "Stoa.Fits", "README.md"));
        var code = Lines(source, "// quickstart-begin", "// quickstart-end");
        var documented = Lines(readme, "```csharp", "```").Where(l => l != "using Stoa.Fits;").ToList();
        Assert.Equal(code, documented);
    }

    private static List<string> Lines(string text, string begin, string end)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        int start = lines.FindIndex(l => l.Trim() == begin) + 1;
        int stop = lines.FindIndex(start, l => l.Trim() == end);
        return lines.GetRange(start, stop - start).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }
}

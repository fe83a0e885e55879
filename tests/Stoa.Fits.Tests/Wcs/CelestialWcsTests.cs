using System.Text.Json;
using Stoa.Fits.Tests.Interop;

namespace Stoa.Fits.Tests.Wcs;

public class CelestialWcsTests
{
    private const double WorldTolerance = 1e-9;

    /// <summary>SIN and TAN headers in every form of the linear part (CDELT, CDELT+CROTA2, PC, CD), 2-D and CASA 4-D,
    /// swapped axes, LONPOLE and slant SIN; each is compared with astropy.wcs at 200 pixels.</summary>
    public static TheoryData<string, string[]> Headers => new()
    {
        { "tan-cdelt", ["CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'", "CRVAL1  = 150.25", "CRVAL2  = 2.5", "CRPIX1  = 512.5", "CRPIX2  = 480.0", "CDELT1  = -0.0002777", "CDELT2  = 0.0002777"] },
        { "sin-cdelt", ["CTYPE1  = 'RA---SIN'", "CTYPE2  = 'DEC--SIN'", "CRVAL1  = 10.68", "CRVAL2  = 41.27", "CRPIX1  = 257.0", "CRPIX2  = 257.0", "CDELT1  = -0.001", "CDELT2  = 0.001"] },
        { "tan-cd", ["CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'", "CRVAL1  = 359.9", "CRVAL2  = -30.0", "CRPIX1  = 100.0", "CRPIX2  = 200.0", "CD1_1   = -2.0E-4", "CD1_2   = 5.0E-5", "CD2_1   = 4.0E-5", "CD2_2   = 1.9E-4"] },
        { "sin-pc", ["CTYPE1  = 'RA---SIN'", "CTYPE2  = 'DEC--SIN'", "CRVAL1  = 201.365", "CRVAL2  = -43.019", "CRPIX1  = 1024.0", "CRPIX2  = 1000.0", "CDELT1  = -5.0E-4", "CDELT2  = 5.0E-4", "PC1_1   = 0.9659258", "PC1_2   = -0.2588190", "PC2_1   = 0.2588190", "PC2_2   = 0.9659258"] },
        { "tan-crota", ["CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'", "CRVAL1  = 83.63", "CRVAL2  = 22.01", "CRPIX1  = 300.0", "CRPIX2  = 310.0", "CDELT1  = -0.001", "CDELT2  = 0.0012", "CROTA2  = 23.5"] },
        { "sin-casa-4d", ["CTYPE1  = 'RA---SIN'", "CTYPE2  = 'DEC--SIN'", "CTYPE3  = 'FREQ    '", "CTYPE4  = 'STOKES  '", "CRVAL1  = 187.7", "CRVAL2  = 12.39", "CRVAL3  = 1.4E9", "CRVAL4  = 1.0", "CRPIX1  = 129.0", "CRPIX2  = 129.0", "CRPIX3  = 1.0", "CRPIX4  = 1.0", "CDELT1  = -2.0E-3", "CDELT2  = 2.0E-3", "CDELT3  = 1.0E6", "CDELT4  = 1.0", "CUNIT1  = 'deg     '", "CUNIT2  = 'deg     '", "CUNIT3  = 'Hz      '"] },
        { "tan-swapped", ["CTYPE1  = 'DEC--TAN'", "CTYPE2  = 'RA---TAN'", "CRVAL1  = -60.5", "CRVAL2  = 45.0", "CRPIX1  = 50.0", "CRPIX2  = 60.0", "CDELT1  = 0.002", "CDELT2  = -0.002"] },
        { "sin-slant-ncp", ["CTYPE1  = 'RA---SIN'", "CTYPE2  = 'DEC--SIN'", "CRVAL1  = 30.0", "CRVAL2  = 60.0", "CRPIX1  = 64.0", "CRPIX2  = 64.0", "CDELT1  = -0.01", "CDELT2  = 0.01", "PV2_1   = 0.0", "PV2_2   = 0.5773502691896258"] },
        { "tan-arcsec-lonpole", ["CTYPE1  = 'GLON-TAN'", "CTYPE2  = 'GLAT-TAN'", "CRVAL1  = 3600.0", "CRVAL2  = -7200.0", "CUNIT1  = 'arcsec  '", "CUNIT2  = 'arcsec  '", "CRPIX1  = 10.0", "CRPIX2  = 20.0", "CDELT1  = -1.5", "CDELT2  = 1.5", "LONPOLE = 170.0"] },
        { "tan-pole", ["CTYPE1  = 'RA---TAN'", "CTYPE2  = 'DEC--TAN'", "CRVAL1  = 45.0", "CRVAL2  = 89.99", "CRPIX1  = 500.0", "CRPIX2  = 500.0", "CDELT1  = -0.001", "CDELT2  = 0.001"] },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Pixel_To_World_Matches_Astropy_Wcs_To_1e9_Degrees(string name, string[] cards)
    {
        int naxis = cards.Any(c => c.StartsWith("CTYPE4", StringComparison.Ordinal)) ? 4 : 2;
        var image = naxis == 4 ? FitsImage.CreateCasaPlane(new float[4], 2, 2) : FitsImage.Create(new float[4], 2, 2);
        byte[] file = Support.FitsBytes.ToBytes(image);
        var text = System.Text.Encoding.ASCII.GetString(file);
        int end = text.IndexOf("END     ", StringComparison.Ordinal);
        string header = text[..end] + string.Concat(cards.Select(c => c.PadRight(80))) + "END".PadRight(80);
        header = header.PadRight((header.Length + 2879) / 2880 * 2880);
        byte[] data = file[(text.IndexOf("END     ", StringComparison.Ordinal) / 2880 * 2880 + 2880)..];
        using var fits = new TempFile();
        File.WriteAllBytes(fits.Path, [.. System.Text.Encoding.ASCII.GetBytes(header), .. data]);

        var rng = new Random(name.Length);
        var points = Enumerable.Range(0, 200).Select(_ => new[] { rng.NextDouble() * 1200 - 100, rng.NextDouble() * 1200 - 100 }).ToArray();
        points[0] = [0, 0];
        string pointsPath = fits.Path + ".json";
        File.WriteAllText(pointsPath, JsonSerializer.Serialize(points));
        JsonElement result;
        try
        {
            result = JsonDocument.Parse(Astropy.Run("wcs_points.py", fits.Path, "0", pointsPath)).RootElement;
        }
        finally
        {
            File.Delete(pointsPath);
        }

        using var opened = FitsFile.Open(fits.Path);
        var wcs = CelestialWcs.FromHeader(opened.Primary.Header);
        int compared = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double ra = AstropyComparison.ParseDouble(result.GetProperty("world")[i][0].GetString()!);
            double dec = AstropyComparison.ParseDouble(result.GetProperty("world")[i][1].GetString()!);
            var (ourRa, ourDec) = wcs.PixelToWorld(points[i][0], points[i][1]);
            if (double.IsNaN(ra))
            {
                Assert.True(double.IsNaN(ourRa), $"{name} pixel {i}: astropy has no world position, we have ({ourRa}, {ourDec})");
                continue;
            }

            double dRa = Math.Abs(((ourRa - ra + 540) % 360) - 180) * Math.Cos(dec * Math.PI / 180);
            Assert.True(dRa <= WorldTolerance && Math.Abs(ourDec - dec) <= WorldTolerance,
                $"{name} pixel ({points[i][0]}, {points[i][1]}): astropy ({ra}, {dec}), ours ({ourRa}, {ourDec})");

            var (x, y) = wcs.WorldToPixel(ra, dec);
            double ax = AstropyComparison.ParseDouble(result.GetProperty("pixel")[i][0].GetString()!);
            double ay = AstropyComparison.ParseDouble(result.GetProperty("pixel")[i][1].GetString()!);
            Assert.True(Math.Abs(x - ax) <= 1e-6 && Math.Abs(y - ay) <= 1e-6, $"{name} world ({ra}, {dec}): astropy pixel ({ax}, {ay}), ours ({x}, {y})");
            compared++;
        }

        Assert.True(compared > 150, $"{name}: only {compared} of 200 points were inside the projection");
    }

    [Fact]
    public void Reference_Pixel_Maps_To_Reference_Value_With_The_1_Based_Offset()
    {
        var wcs = CelestialWcs.Create(FitsProjection.Sin, 150, 30, crpix1: 65, crpix2: 33, cdelt1: -0.001, cdelt2: 0.001);
        var (ra, dec) = wcs.PixelToWorld(64, 32);
        Assert.Equal(150, ra, 12);
        Assert.Equal(30, dec, 12);
        var (x, y) = wcs.WorldToPixel(150, 30);
        Assert.Equal(64, x, 9);
        Assert.Equal(32, y, 9);
    }

    [Fact]
    public void WriteTo_Then_FromHeader_Gives_The_Same_Transform()
    {
        var header = new FitsHeader();
        var wcs = CelestialWcs.Create(FitsProjection.Tan, 12.5, -45, 100.5, 90.5, -0.0004, 0.0004);
        wcs.WriteTo(header);
        var back = CelestialWcs.FromHeader(header);
        for (int i = 0; i < 50; i++)
        {
            var a = wcs.PixelToWorld(i * 7.3, i * 3.1);
            var b = back.PixelToWorld(i * 7.3, i * 3.1);
            Assert.Equal(a.Ra, b.Ra, 12);
            Assert.Equal(a.Dec, b.Dec, 12);
        }
    }

    [Fact]
    public void Headers_Without_Celestial_Axes_Or_With_Other_Projections_Are_Reported()
    {
        var header = new FitsHeader();
        Assert.Throws<FitsFormatException>(() => CelestialWcs.FromHeader(header));
        header.Set("CTYPE1", "RA---AIT");
        header.Set("CTYPE2", "DEC--AIT");
        Assert.Throws<NotSupportedException>(() => CelestialWcs.FromHeader(header));
        Assert.False(CelestialWcs.TryFromHeader(header, out _));
    }
}

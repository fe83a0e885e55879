namespace Stoa.Basc.Tests.Input;

public sealed class InputValidationTests
{
    private static SkyImage Image(int w, int h, Func<int, int, double> f, string name)
    {
        var p = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                p[(y * w) + x] = f(x, y);
            }
        }

        return new SkyImage(w, h, p, name);
    }

    private static SkyImage Psf(int m, double peak = 1.0) =>
        Image(m, m, (x, y) => x == m / 2 && y == m / 2 ? peak : 0.1 * Math.Exp(-(((x - (m / 2)) * (x - (m / 2))) + ((y - (m / 2)) * (y - (m / 2)))) / 4.0), "psf.fits");

    private static SkyImage Map(int m) => Image(m, m, (x, y) => Math.Sin(x * 0.7) * Math.Cos(y * 1.3), "map.fits");

    private static readonly SourceFinderOptions Quick = new() { EnsembleSize = 2, Samples = 4, ProposalsPerSweep = 2, BurnInSweeps = 0, Noise = 1 };

    private static BascInputException Fails(SkyImage map, SkyImage psf, SkyImage? pb = null, SourceFinderOptions? o = null)
        => Assert.Throws<BascInputException>(() => SourceFinder.Run(map, psf, o ?? Quick, pb));

    [Fact]
    public void Non_Square_Map_Names_The_File_And_Shape()
    {
        var e = Fails(Image(32, 16, (_, _) => 1, "wide.fits"), Psf(32));
        Assert.Equal("wide.fits", e.File);
        Assert.Contains("32 × 16", e.Message);
    }

    [Fact]
    public void Mismatched_Psf_Is_Rejected() => Assert.Contains("same size", Fails(Map(32), Psf(64)).Message);

    [Fact]
    public void Psf_Peak_Off_Centre_Is_Rejected()
    {
        var centred = Psf(32);
        var e = Fails(Map(32), Image(32, 32, (x, y) => x == 10 && y == 16 ? 2.0 : centred[x, y], "psf.fits"));
        Assert.Equal("psf.fits", e.File);
        Assert.Contains("not at the centre", e.Message);
    }

    [Fact]
    public void Psf_Peak_Not_One_Fails_Unless_Normalising_And_Then_Warns()
    {
        var e = Fails(Map(32), Psf(32, peak: 2.5));
        Assert.Contains("not 1", e.Message);
        var result = SourceFinder.Run(Map(32), Psf(32, peak: 2.5), Quick with { NormalisePsf = true });
        Assert.Contains(result.Warnings, w => w.Contains("psf.fits", StringComparison.Ordinal) && w.Contains("divided", StringComparison.Ordinal));
    }

    [Fact]
    public void NaN_In_The_Map_Names_The_First_Pixel()
    {
        var e = Fails(Image(32, 32, (x, y) => x == 5 && y == 7 ? double.NaN : 1, "nan.fits"), Psf(32));
        Assert.Equal("nan.fits", e.File);
        Assert.Contains("(5, 7)", e.Message);
    }

    [Fact]
    public void All_Zero_Map_Is_Rejected() => Assert.Contains("zero", Fails(Image(32, 32, (_, _) => 0, "zero.fits"), Psf(32)).Message);

    [Fact]
    public void Primary_Beam_Of_Another_Size_Is_Rejected()
        => Assert.Equal("pb.fits", Fails(Map(32), Psf(32), Image(16, 16, (_, _) => 1, "pb.fits")).File);

    [Fact]
    public void Primary_Beam_NaN_Becomes_Zero_With_A_Warning()
    {
        var pb = Image(32, 32, (x, _) => x < 3 ? double.NaN : 1.0, "pb.fits");
        var result = SourceFinder.Run(Map(32), Psf(32), Quick, pb);
        Assert.Contains(result.Warnings, w => w.Contains("NaN", StringComparison.Ordinal));
    }
}

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
    public void NaN_In_The_Psf_Names_The_First_Pixel()
    {
        var centred = Psf(32);
        var e = Fails(Map(32), Image(32, 32, (x, y) => x == 5 && y == 7 ? double.NaN : centred[x, y], "nanpsf.fits"));
        Assert.Equal("nanpsf.fits", e.File);
        Assert.Contains("(5, 7)", e.Message);
    }

    /// <summary>
    /// A map blanked as CASA writes it (NaN outside a circle that cuts through the searched square) runs: a warning
    /// counts the blanked pixels, no chain row sits on one, σ is estimated from the finite searched pixels only, and the
    /// source inside the circle is found.
    /// </summary>
    [Fact]
    public void Nan_Blanked_Map_Is_Masked_Not_Refused()
    {
        var field = Stoa.Basc.Simulation.FieldSimulator.Simulate(new Stoa.Basc.Simulation.SimulationOptions
        {
            Size = 64,
            Sources = [new(30.2, 33.4, 0.015)],
        });
        bool Blank(int x, int y) => ((x - 32) * (x - 32)) + ((y - 32) * (y - 32)) > 13 * 13;
        var blanked = Image(64, 64, (x, y) => Blank(x, y) ? double.NaN : field.Map[x, y], "blanked.fits");
        var result = SourceFinder.Run(blanked, field.Psf, new SourceFinderOptions { Seed = 3, Samples = 400 });

        int count = Enumerable.Range(0, 64 * 64).Count(i => Blank(i % 64, i / 64));
        Assert.Contains(result.Warnings, w => w.Contains($"{count} blanked", StringComparison.Ordinal));
        Assert.NotEmpty(result.Chain);
        Assert.All(result.Chain, r => Assert.False(Blank((int)r.X, (int)r.Y), $"chain row on blanked pixel ({r.X:F2}, {r.Y:F2})"));
        var finite = new List<double>();
        for (int y = 16; y < 48; y++)
        {
            for (int x = 16; x < 48; x++)
            {
                if (!Blank(x, y))
                {
                    finite.Add(field.Map[x, y]);
                }
            }
        }

        Assert.Equal(Stoa.Basc.Noise.NoiseEstimator.Compatible(finite.ToArray(), Enumerable.Repeat(1.0, finite.Count).ToArray()), result.Sigma, 12);
        var found = Assert.Single(result.Catalogue);
        Assert.InRange(found.X, 29, 31.5);
        Assert.InRange(found.Y, 32.5, 34.5);
    }

    [Fact]
    public void Map_Blanked_Over_The_Whole_Searched_Square_Is_Rejected()
    {
        var e = Fails(Image(32, 32, (x, y) => x >= 8 && x < 24 && y >= 8 && y < 24 ? double.NaN : 1, "hole.fits"), Psf(32));
        Assert.Equal("hole.fits", e.File);
        Assert.Contains("searched square", e.Message);
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

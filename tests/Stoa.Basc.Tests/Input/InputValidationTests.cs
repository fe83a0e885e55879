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

    private static SkyImage Crop(SkyImage image, int x0, int y0, int w, int h, string name)
        => Image(w, h, (x, y) => image[x + x0, y + y0], name);

    /// <summary>
    /// A 96 × 64 map (and PSF, peak at (48, 32)) cut from a simulated 96² field runs: the source is found where it was
    /// injected, and every chain row lies in the central half (columns 24–71, rows 16–47).
    /// </summary>
    [Fact]
    public void Non_Square_Map_Runs_And_Finds_Its_Source()
    {
        var field = Stoa.Basc.Simulation.FieldSimulator.Simulate(new Stoa.Basc.Simulation.SimulationOptions
        {
            Size = 96,
            Sources = [new(40.3, 50.2, 0.015)],
        });
        var map = Crop(field.Map, 0, 16, 96, 64, "wide.fits");
        var psf = Crop(field.Psf, 0, 16, 96, 64, "widepsf.fits");
        var result = SourceFinder.Run(map, psf, new SourceFinderOptions { Seed = 2, Samples = 400 });
        Assert.Equal(new SearchArea(24, 16, 48, 32), result.SearchArea);
        Assert.All(result.Chain, r => Assert.True(r.X >= 24 && r.X < 72 && r.Y >= 16 && r.Y < 48, $"row at ({r.X:F2}, {r.Y:F2})"));
        var found = Assert.Single(result.Catalogue);
        Assert.InRange(found.X, 39.3, 41.3);
        Assert.InRange(found.Y, 33.2, 35.2);
    }

    /// <summary>
    /// A source outside the default central half is not searched by default, and is found once
    /// <see cref="SourceFinderOptions.SearchArea"/> covers it; the chain stays inside the area asked for.
    /// </summary>
    [Fact]
    public void Search_Area_Option_Moves_The_Search()
    {
        var field = Stoa.Basc.Simulation.FieldSimulator.Simulate(new Stoa.Basc.Simulation.SimulationOptions
        {
            Size = 64,
            Sources = [new(10.4, 12.3, 0.015)],
        });
        var options = new SourceFinderOptions { Seed = 4, Samples = 400, Noise = 1e-3 };
        var central = SourceFinder.Run(field.Map, field.Psf, options);
        Assert.DoesNotContain(central.Catalogue, s => Math.Abs(s.X - 10.4) < 3 && Math.Abs(s.Y - 12.3) < 3);
        Assert.All(central.Chain, r => Assert.True(r.X >= 16 && r.X < 48 && r.Y >= 16 && r.Y < 48));

        var area = new SearchArea(2, 4, 30, 24);
        var moved = SourceFinder.Run(field.Map, field.Psf, options with { SearchArea = area });
        Assert.All(moved.Chain, r => Assert.True(r.X >= 2 && r.X < 32 && r.Y >= 4 && r.Y < 28, $"row at ({r.X:F2}, {r.Y:F2})"));
        Assert.Contains(moved.Catalogue, s => Math.Abs(s.X - 10.4) < 1 && Math.Abs(s.Y - 12.3) < 1);
    }

    [Fact]
    public void Search_Area_Larger_Than_Half_The_Map_Is_Rejected()
    {
        var e = Fails(Map(32), Psf(32), o: Quick with { SearchArea = new SearchArea(0, 0, 20, 10) });
        Assert.Contains("at most 16 × 16", e.Message);
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

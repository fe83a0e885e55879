using Stoa.Basc.Catalogue;

namespace Stoa.Basc.Tests.Catalogue;

public sealed class CatalogueBuilderTests
{
    private static readonly SourceFinderOptions Options = new() { ClusterRadius = 3, ClusterMinSamples = 5, MinDetectionProbability = 0.0 };

    [Fact]
    public void Flux_Is_Summed_Per_Sample_So_A_Source_Split_Over_Two_Atoms_Keeps_Its_Flux()
    {
        // 100 samples; even samples hold one atom of 10 mJy, odd samples two atoms of 5 mJy each at the same place.
        var chain = new List<ChainRow>();
        for (int s = 0; s < 100; s++)
        {
            if (s % 2 == 0)
            {
                chain.Add(new ChainRow(s, 50.5, 60.5, 0.010, 0));
            }
            else
            {
                chain.Add(new ChainRow(s, 50.4, 60.6, 0.005, 0));
                chain.Add(new ChainRow(s, 50.6, 60.4, 0.005, 0));
            }
        }

        var source = Assert.Single(CatalogueBuilder.Build(chain, 100, Options with { SplitBlends = false }, null));
        Assert.Equal(0.010, source.Flux, 12);
        Assert.Equal(1.0, source.DetectionProbability);

        // Chain coordinates put pixel 50 on [50, 51); the catalogue puts its centre at 50.
        Assert.Equal(50.0, source.X, 9);
        Assert.Equal(60.0, source.Y, 9);
    }

    [Fact]
    public void Detection_Probability_Is_The_Fraction_Of_Samples_With_The_Source_And_Quantiles_Are_16_50_84()
    {
        var chain = new List<ChainRow>();
        for (int s = 0; s < 200; s++)
        {
            if (s < 101)
            {
                chain.Add(new ChainRow(s, 20.5, 20.5, 0.001 * (s + 1), 0));
            }
        }

        var source = Assert.Single(CatalogueBuilder.Build(chain, 200, Options, null));
        Assert.Equal(101.0 / 200, source.DetectionProbability);
        Assert.Equal(0.051, source.Flux, 12);
        Assert.Equal(0.017, source.FluxLow, 12);
        Assert.Equal(0.085, source.FluxHigh, 12);
    }

    [Fact]
    public void A_Blend_Holding_Two_Atoms_In_Most_Samples_Is_Split_Into_Two_Sources()
    {
        var chain = new List<ChainRow>();
        for (int s = 0; s < 100; s++)
        {
            double jitter = 0.01 * (s % 7);
            chain.Add(new ChainRow(s, 40.5 + jitter, 40.5, 0.004, 0));
            chain.Add(new ChainRow(s, 44.5 + jitter, 40.5, 0.002, 0));

            // A faint atom roaming between them in one sample in ten bridges the two into one DBSCAN cluster, as in real chains.
            if (s % 10 == 0)
            {
                chain.Add(new ChainRow(s, 42.5, 40.5, 1e-9, 0));
            }
        }

        var joined = Assert.Single(CatalogueBuilder.Build(chain, 100, Options with { SplitBlends = false }, null));
        Assert.Equal(0.006, joined.Flux, 12);
        var split = CatalogueBuilder.Build(chain, 100, Options, (x, y) => (x * 0.001, y * 0.001));
        Assert.Equal(2, split.Count);
        Assert.Equal(0.004, split[0].Flux, 12);
        Assert.Equal(40.0 + 0.03, split[0].X, 2);
        Assert.Equal(0.002, split[1].Flux, 12);
        Assert.Equal(split[1].X * 0.001, split[1].Ra!.Value, 12);
        Assert.Equal(split[1].XStd * 0.001, split[1].RaError!.Value, 12);
        Assert.Equal(split[1].YStd * 0.001, split[1].DecError!.Value, 12);
    }

    /// <summary>
    /// RA/Dec errors through a rotated, sheared linear WCS are exact: σ_RA = √((∂RA/∂x σx)² + (∂RA/∂y σy)²), likewise
    /// Dec; across RA = 0 the wrap does not turn a milli-degree step into 360°.
    /// </summary>
    [Theory]
    [InlineData(150.0)]
    [InlineData(359.99)]
    public void World_Errors_Propagate_Pixel_Errors_Through_The_Wcs(double ra0)
    {
        const double a = -2e-4, b = 5e-5, c = 3e-5, d = 2.1e-4;
        (double, double) Wcs(double x, double y) => ((ra0 + (a * (x - 50)) + (b * (y - 50)) + 360) % 360, -30 + (c * (x - 50)) + (d * (y - 50)));
        var (raErr, decErr) = CatalogueBuilder.WorldErrors(Wcs, 50, 50, 0.4, 0.7);
        Assert.Equal(Math.Sqrt((a * 0.4 * a * 0.4) + (b * 0.7 * b * 0.7)), raErr, 12);
        Assert.Equal(Math.Sqrt((c * 0.4 * c * 0.4) + (d * 0.7 * d * 0.7)), decErr, 12);
    }

    [Fact]
    public void A_Long_Chain_Of_Roaming_Faint_Atoms_Does_Not_Bridge_Sources_Into_One()
    {
        // 20 000 samples, two real sources 30 px apart, and three faint atoms per sample roaming over 128² pixels.
        var rng = new Stoa.Basc.Sampling.Xoshiro256(5);
        var chain = new List<ChainRow>();
        for (int s = 0; s < 20_000; s++)
        {
            chain.Add(new ChainRow(s, 80.5 + (0.3 * rng.NextGaussian()), 90.5 + (0.3 * rng.NextGaussian()), 0.01, 0));
            chain.Add(new ChainRow(s, 110.5 + (0.3 * rng.NextGaussian()), 90.5 + (0.3 * rng.NextGaussian()), 0.008, 0));
            for (int j = 0; j < 3; j++)
            {
                chain.Add(new ChainRow(s, 64 + (128 * rng.NextDouble()), 64 + (128 * rng.NextDouble()), 1e-5, 0));
            }
        }

        var sources = CatalogueBuilder.Build(chain, 20_000, new SourceFinderOptions(), null);
        Assert.Equal(2, sources.Count);
        Assert.Equal(80.0, sources[0].X, 0.05);
        Assert.Equal(110.0, sources[1].X, 0.05);
    }

    /// <summary>
    /// Label switching: the sampler's sources carry no identity, so source A is row 0 of one sample and row 1 of the next,
    /// and a sample may hold A as two atoms. Each sample counts at most once per cluster, whatever its order.
    /// </summary>
    [Fact]
    public void Detection_Probability_Counts_A_Sample_Once_Per_Cluster_Whatever_The_Order_Of_Its_Sources()
    {
        var chain = new List<ChainRow>();
        for (int s = 0; s < 200; s++)
        {
            var a = new ChainRow(s, 30.5 + (0.01 * (s % 5)), 30.5, 0.010, 0);
            var b = new ChainRow(s, 60.5, 45.5 - (0.01 * (s % 3)), 0.004, 0);
            bool hasB = s % 10 < 7;
            var rows = new List<ChainRow> { a };
            if (s % 4 == 0)
            {
                // A split over two atoms in a quarter of the samples.
                rows[0] = a with { Flux = 0.006 };
                rows.Add(a with { X = a.X + 0.3, Flux = 0.004 });
            }

            if (hasB)
            {
                // Odd samples list B first: the order of a sample's sources switches from sample to sample.
                rows.Insert(s % 2 == 1 ? 0 : rows.Count, b);
            }

            chain.AddRange(rows);
        }

        var sources = CatalogueBuilder.Build(chain, 200, Options, null);
        Assert.Equal(2, sources.Count);
        Assert.Equal(1.0, sources[0].DetectionProbability);
        Assert.Equal(0.010, sources[0].Flux, 12);
        Assert.Equal(140.0 / 200, sources[1].DetectionProbability);
        Assert.Equal(140, sources[1].FluxSamples.Count);
    }

    /// <summary>A blend split in two: a sample whose two atoms both fall on one side counts once there and not on the other.</summary>
    [Fact]
    public void Split_Blend_Parts_Count_Each_Sample_At_Most_Once()
    {
        var chain = new List<ChainRow>();
        for (int s = 0; s < 100; s++)
        {
            var left = new ChainRow(s, 40.5 + (0.01 * (s % 7)), 40.5, 0.004, 0);
            var right = new ChainRow(s, 44.5 - (0.01 * (s % 7)), 40.5, 0.004, 0);

            // Samples 0–79 hold both (in switching order); 80–89 hold two atoms on the left; 90–99 one on the left.
            chain.AddRange(s < 80 ? (s % 2 == 0 ? [left, right] : [right, left]) : s < 90 ? [left, left with { Y = 40.7 }] : [left]);
        }

        var parts = CatalogueBuilder.Build(chain, 100, Options, null).OrderBy(c => c.X).ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal(1.0, parts[0].DetectionProbability);
        Assert.Equal(0.80, parts[1].DetectionProbability);
    }

    [Fact]
    public void Catalogue_Keeps_Exactly_The_Clusters_At_Or_Above_The_Threshold()
    {
        var chain = new List<ChainRow>();
        for (int s = 0; s < 100; s++)
        {
            chain.Add(new ChainRow(s, 20.5, 20.5, 0.005, 0));
            if (s < 30)
            {
                chain.Add(new ChainRow(s, 50.5, 50.5, 0.002, 0));
            }

            if (s < 29)
            {
                chain.Add(new ChainRow(s, 80.5, 20.5, 0.002, 0));
            }
        }

        Assert.Equal(3, CatalogueBuilder.Build(chain, 100, Options, null).Count);
        var kept = CatalogueBuilder.Build(chain, 100, Options with { MinDetectionProbability = 0.30 }, null);
        Assert.Equal([1.0, 0.30], kept.Select(c => c.DetectionProbability));
    }
}

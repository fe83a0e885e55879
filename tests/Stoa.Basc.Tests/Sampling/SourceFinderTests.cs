using Stoa.Basc.Simulation;

namespace Stoa.Basc.Tests.Sampling;

public sealed class SourceFinderTests
{
    private static readonly SourceFinderOptions Fast = new()
    {
        EnsembleSize = 8,
        Samples = 400,
        ProposalsPerSweep = 40,
    };

    internal static SimulatedField BrightField(int noiseSeed = 1) => SmallField(noiseSeed, new SimulatedSource(30.3, 33.6, 0.02));

    /// <summary>A 64² field, σ = 1 mJy/beam, with the given sources.</summary>
    internal static SimulatedField SmallField(int noiseSeed, params SimulatedSource[] sources) => FieldSimulator.Simulate(new SimulationOptions
    {
        Size = 64,
        Sigma = 1e-3,
        NoiseSeed = noiseSeed,
        Sources = sources,
    });

    [Fact]
    public void Bright_Source_Is_Recovered_With_Position_And_Flux()
    {
        var field = BrightField();
        var result = SourceFinder.Run(field.Map, field.Psf, Fast with { Noise = field.Sigma });
        var source = Assert.Single(result.Catalogue);
        Assert.InRange(source.X, 29.3, 31.3);
        Assert.InRange(source.Y, 32.6, 34.6);
        Assert.InRange(source.Flux, 0.016, 0.024);
        Assert.True(source.DetectionProbability > 0.95, $"p_det {source.DetectionProbability}");
        Assert.Equal(1.0, result.Schedule[^1].Beta);
        Assert.Equal(400, result.Samples.Count);
    }

    /// <summary>
    /// The catalogue is every cluster whose posterior detection probability reaches the threshold, by default the
    /// calibrated <see cref="SourceFinderOptions.MinDetectionProbability"/>: the same run with no threshold lists those
    /// and the fainter clusters, which the default drops.
    /// </summary>
    [Fact]
    public void Catalogue_Applies_The_Detection_Threshold_To_The_Posterior_Clusters()
    {
        var field = SmallField(4, new SimulatedSource(30.3, 33.6, 0.02), new SimulatedSource(22.4, 24.2, 0.0035));
        var options = Fast with { Noise = field.Sigma, Seed = 5 };
        var everything = SourceFinder.Run(field.Map, field.Psf, options with { MinDetectionProbability = 0 }).Catalogue;
        var thresholded = SourceFinder.Run(field.Map, field.Psf, options).Catalogue;
        double threshold = new SourceFinderOptions().MinDetectionProbability;
        Assert.Contains(everything, c => c.DetectionProbability < threshold);
        // Same seed, same chain: the thresholded catalogue is the other's entries at or above the threshold.
        static (double, double, double, double) Key(CatalogueSource c) => (c.X, c.Y, c.Flux, c.DetectionProbability);
        Assert.Equal(everything.Where(c => c.DetectionProbability >= threshold).Select(Key), thresholded.Select(Key));
        Assert.Contains(thresholded, c => c.DetectionProbability > 0.95 && Math.Abs(c.X - 30.3) < 1);
    }

    [Fact]
    public void Same_Seed_Gives_The_Same_Chain_And_Threads_Do_Not_Change_It()
    {
        var field = BrightField(3);
        var options = Fast with { Samples = 100, Seed = 42 };
        var a = SourceFinder.Run(field.Map, field.Psf, options);
        var b = SourceFinder.Run(field.Map, field.Psf, options);
        var parallel = SourceFinder.Run(field.Map, field.Psf, options with { Threads = 2 });
        var other = SourceFinder.Run(field.Map, field.Psf, options with { Seed = 43 });
        Assert.Equal(a.Chain, b.Chain);
        Assert.Equal(a.Samples, b.Samples);
        Assert.Equal(a.LogEvidence, b.LogEvidence);
        Assert.Equal(a.Chain, parallel.Chain);
        Assert.NotEqual(a.Chain, other.Chain);
    }

    [Fact]
    public void Cancellation_Stops_The_Run_And_Progress_Is_Reported()
    {
        var field = BrightField();
        using var cts = new CancellationTokenSource();
        int reports = 0;
        var progress = new SynchronousProgress(p =>
        {
            reports++;
            if (p.Phase == SamplerPhase.Sampling)
            {
                cts.Cancel();
            }
        });
        Assert.Throws<OperationCanceledException>(() => SourceFinder.Run(field.Map, field.Psf, Fast, progress: progress, cancellationToken: cts.Token));
        Assert.True(reports > 1);
    }

    private sealed class SynchronousProgress(Action<SourceFinderProgress> report) : IProgress<SourceFinderProgress>
    {
        public void Report(SourceFinderProgress value) => report(value);
    }
}

public sealed class OversampleTests
{
    [Fact]
    public void Oversampling_Puts_A_Bright_Source_Between_Pixel_Centres_Where_It_Is()
    {
        var field = SourceFinderTests.SmallField(5, new SimulatedSource(30.5, 33.25, 0.05));
        // Only the bright source matters here: a short run's noise clusters (p_det ≈ 0.45 at 3σ) are kept out.
        var options = new SourceFinderOptions { EnsembleSize = 8, Samples = 400, ProposalsPerSweep = 40, Noise = 1e-3, MinDetectionProbability = 0.9 };
        var coarse = Assert.Single(SourceFinder.Run(field.Map, field.Psf, options).Catalogue);
        var fine = Assert.Single(SourceFinder.Run(field.Map, field.Psf, options with { Oversample = 4 }).Catalogue);

        // Integer pixels: the position snaps to a pixel centre and the flux loses 1 − B(½ px).
        Assert.True(Math.Abs(fine.X - 30.5) < 0.15, $"x = {fine.X}");
        Assert.True(Math.Abs(fine.Y - 33.25) < 0.15, $"y = {fine.Y}");
        Assert.True(Math.Abs(fine.Flux - 0.05) < Math.Abs(coarse.Flux - 0.05), $"oversampled {fine.Flux} vs integer-pixel {coarse.Flux}");
        Assert.InRange(fine.Flux, 0.047, 0.053);
    }
}

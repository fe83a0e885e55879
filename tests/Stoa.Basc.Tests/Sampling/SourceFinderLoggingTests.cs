using Microsoft.Extensions.Logging;
using Stoa.Tests.Shared;

namespace Stoa.Basc.Tests.Sampling;

/// <summary>What a run logs through <see cref="SourceFinderOptions.LoggerFactory"/>: a real (small) run on a simulated field.</summary>
public sealed class SourceFinderLoggingTests
{
    [Fact]
    public void A_Run_Logs_Each_Phase_Its_Samples_And_The_Catalogue_Size()
    {
        var field = SourceFinderTests.BrightField(5);
        using var logs = new RecordingLoggerFactory();
        var options = new SourceFinderOptions { EnsembleSize = 8, Samples = 200, ProposalsPerSweep = 40, Noise = field.Sigma, LoggerFactory = logs };

        var result = SourceFinder.Run(field.Map, field.Psf, options);

        var log = logs.Messages;
        Assert.All(log, m => Assert.Equal("Stoa.Basc", m.Category));
        Assert.Equal(
            ["Prepared", "PhaseStarted", "AnnealingEnded", "PhaseStarted", "SamplingEnded", "CatalogueBuilt"],
            log.Select(m => m.EventName));
        Assert.Equal("Annealing started: 8 walkers, 200 samples wanted", log[1].Text);
        Assert.StartsWith($"Annealing done: β = 1 after {result.Schedule.Count} step(s), ", log[2].Text, StringComparison.Ordinal);
        Assert.Equal("Sampling started: 8 walkers, 200 samples wanted", log[3].Text);
        Assert.StartsWith($"Sampling done: 200 samples after {options.BurnInSweeps} burn-in sweep(s), {result.Evaluations} likelihood evaluations in all, ", log[4].Text, StringComparison.Ordinal);
        Assert.StartsWith($"catalogue: {result.Catalogue.Count} source(s) from 200 samples ({result.Chain.Count} chain rows)", log[5].Text, StringComparison.Ordinal);
        Assert.NotEmpty(result.Catalogue);
        Assert.Equal(LogLevel.Debug, log[0].Level);
        Assert.All(log.Skip(1), m => Assert.Equal(LogLevel.Information, m.Level));
    }
}

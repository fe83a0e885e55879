using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stoa.Basc.Catalogue;
using Stoa.Basc.Input;
using Stoa.Basc.Likelihood;
using Stoa.Basc.Noise;
using Stoa.Basc.Sampling;

namespace Stoa.Basc;

/// <summary>The entry point: finds point sources in a dirty map with the BaSC likelihood and reversible-jump MCMC.</summary>
public static class SourceFinder
{
    /// <summary>
    /// Runs the sampler on <paramref name="map"/> with dirty beam <paramref name="psf"/> and returns the chain and catalogue.
    /// Sources are searched in <see cref="SourceFinderOptions.SearchArea"/>, by default the central half of the map, so
    /// every pairwise offset lies inside the PSF. Maps need not be square; NaN-blanked map pixels are masked.
    /// </summary>
    /// <param name="map">Dirty map D, W × H, Jy/beam; NaN pixels are blanked (masked).</param>
    /// <param name="psf">Dirty beam B, W × H, peak 1 at the 0-based pixel (W/2, H/2).</param>
    /// <param name="options">Knobs; <see langword="null"/> for the defaults.</param>
    /// <param name="primaryBeam">Primary-beam gain P (M × M, NaN treated as 0), or <see langword="null"/> for none.</param>
    /// <param name="progress">Receives progress after each annealing temperature and sampling round.</param>
    /// <param name="cancellationToken">Stops the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The chain, the catalogue and the run's figures.</returns>
    /// <exception cref="BascInputException">An input is unusable; the message names it and the problem.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SourceFinderResult Run(
        SkyImage map,
        SkyImage psf,
        SourceFinderOptions? options = null,
        SkyImage? primaryBeam = null,
        IProgress<SourceFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(psf);
        options ??= new SourceFinderOptions();
        CheckOptions(options);
        var clock = Stopwatch.StartNew();
        var logger = options.LoggerFactory?.CreateLogger(SourceFinderLog.Category) ?? NullLogger.Instance;
        var warnings = new List<string>();
        var area = options.SearchArea ?? SearchArea.CentralHalf(map.Width, map.Height);
        var (psfPixels, pb, cleanMap, blanked) = InputValidator.Validate(map, psf, primaryBeam, area, options, warnings);
        var canvas = SearchCanvas.Create(map.Width, map.Height, area);
        int m = canvas.Size;
        cleanMap = canvas.Place(cleanMap);
        psfPixels = canvas.Place(psfPixels);
        pb = pb is null ? null : canvas.Place(pb);
        blanked = canvas.Blocked(blanked);
        double sigma = options.Noise ?? (options.NoiseMethod == NoiseMethod.Robust
            ? NoiseEstimator.Robust(m, cleanMap, blanked)
            : NoiseEstimator.Compatible(m, cleanMap, pb, blanked));
        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new BascInputException(map.NameOr("map"), $"the estimated noise σ is {sigma:G6}; give it explicitly (--noise)");
        }

        int u = options.Oversample;
        SourceFinderLog.Prepared(logger, map.Width, map.Height, sigma, area, u);
        foreach (var warning in warnings)
        {
            SourceFinderLog.InputWarning(logger, warning);
        }

        double[] mapPixels = u == 1 ? cleanMap : FourierUpsampler.Upsample(cleanMap, m, u);
        bool[]? blankedFine = blanked is null || u == 1 ? blanked : Enumerable.Range(0, m * u * m * u).Select(i => blanked[(i / (m * u) / u * m) + (i % (m * u) / u)]).ToArray();
        double[] beamPixels = u == 1 ? psfPixels : FourierUpsampler.Upsample(psfPixels, m, u);
        double[]? gain = pb is null || u == 1 ? pb : FourierUpsampler.Bilinear(pb, m, u);
        var likelihood = new MapLikelihood(m * u, mapPixels, beamPixels, gain, sigma);
        double fluxScale = options.FluxScale ?? sigma;
        var priors = CreatePriors(options, sigma, fluxScale, likelihood);
        var positions = PositionProposal.FromMap(mapPixels, m * u, likelihood.SearchOffset, likelihood.SearchSize, sigma, blankedFine);
        var output = new EnsembleSampler(likelihood, priors, positions, options, logger, stepScale: u).Run(progress, cancellationToken);
        if (u > 1 || canvas.OffsetX != 0 || canvas.OffsetY != 0)
        {
            // Fine sample p' is the canvas at p'/u (centres at integers); chain coordinates put centres at p + ½; the
            // canvas holds the map shifted by the offsets.
            for (int i = 0; i < output.Chain.Count; i++)
            {
                var r = output.Chain[i];
                output.Chain[i] = r with { X = ((r.X - 0.5) / u) + 0.5 - canvas.OffsetX, Y = ((r.Y - 0.5) / u) + 0.5 - canvas.OffsetY };
            }
        }

        var catalogue = CatalogueBuilder.Build(output.Chain, output.Samples.Count, options, map.PixelToWorld);
        SourceFinderLog.CatalogueBuilt(logger, catalogue.Count, output.Samples.Count, output.Chain.Count, clock.Elapsed);
        return new SourceFinderResult
        {
            Chain = output.Chain,
            Samples = output.Samples,
            Catalogue = catalogue,
            Schedule = output.Schedule,
            LogEvidence = output.LogEvidence,
            Sigma = sigma,
            FluxScale = fluxScale,
            Evaluations = output.Evaluations,
            AcceptanceRate = output.Evaluations == 0 ? 0 : (double)output.Accepted / output.Evaluations,
            AnnealingTime = output.AnnealingTime,
            SamplingTime = output.SamplingTime,
            WallTime = clock.Elapsed,
            Warnings = warnings,
            HasWorldCoordinates = map.PixelToWorld is not null,
            MapSize = map.Width,
            SearchArea = area,
            Options = options,
        };
    }

    private static Priors CreatePriors(SourceFinderOptions o, double sigma, double fluxScale, MapLikelihood likelihood)
    {
        if (o.FluxPriorSlope is not { } slope)
        {
            return new Priors(fluxScale, o.MinAtoms, o.MaxAtoms, o.Alpha, likelihood.SearchOffset, likelihood.SearchSize);
        }

        double low = o.FluxPriorMin ?? sigma;
        double high = o.FluxPriorMax ?? (1e6 * low);
        if (!(high > low))
        {
            throw new ArgumentOutOfRangeException(nameof(o.FluxPriorMax), high, $"FluxPriorMax must exceed FluxPriorMin ({low:G6} Jy)");
        }

        return new Priors(slope, low, high, o.MinAtoms, o.MaxAtoms, o.Alpha, likelihood.SearchOffset, likelihood.SearchSize);
    }

    private static void CheckOptions(SourceFinderOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(o.EnsembleSize, 1, nameof(o.EnsembleSize));
        if (!(o.Rate > 0) || double.IsInfinity(o.Rate))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Rate), o.Rate, "Rate must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(o.MinAtoms, nameof(o.MinAtoms));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxAtoms, Math.Max(1, o.MinAtoms), nameof(o.MaxAtoms));
        if (!(o.Alpha > 0) || double.IsInfinity(o.Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Alpha), o.Alpha, "Alpha must be positive and finite");
        }

        if (o.FluxScale is { } s && !(s > 0 && double.IsFinite(s)))
        {
            throw new ArgumentOutOfRangeException(nameof(o.FluxScale), s, "FluxScale must be positive and finite");
        }

        if (o.FluxPriorSlope is { } slope && !double.IsFinite(slope))
        {
            throw new ArgumentOutOfRangeException(nameof(o.FluxPriorSlope), slope, "FluxPriorSlope must be finite");
        }

        foreach (var (name, bound) in new[] { (nameof(o.FluxPriorMin), o.FluxPriorMin), (nameof(o.FluxPriorMax), o.FluxPriorMax) })
        {
            if (bound is { } b && !(b > 0 && double.IsFinite(b)))
            {
                throw new ArgumentOutOfRangeException(name, b, $"{name} must be positive and finite");
            }
        }

        if (o.Noise is { } n && !(n > 0 && double.IsFinite(n)))
        {
            throw new ArgumentOutOfRangeException(nameof(o.Noise), n, "Noise must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(o.Samples, 1, nameof(o.Samples));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.ProposalsPerSweep, 1, nameof(o.ProposalsPerSweep));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxAnnealingSteps, 1, nameof(o.MaxAnnealingSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Threads, 1, nameof(o.Threads));
        ArgumentOutOfRangeException.ThrowIfNegative(o.BurnInSweeps, nameof(o.BurnInSweeps));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Oversample, 1, nameof(o.Oversample));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.Oversample, 8, nameof(o.Oversample));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(o.ClusterRadius, nameof(o.ClusterRadius));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.ClusterMinSamples, 1, nameof(o.ClusterMinSamples));
        if (!(o.ClusterMinFraction >= 0 && o.ClusterMinFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o.ClusterMinFraction), o.ClusterMinFraction, "ClusterMinFraction must lie in [0, 1]");
        }
    }
}

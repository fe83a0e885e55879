namespace Stoa.Basc;

/// <summary>Everything a run produced: the full chain, the catalogue and the figures of the run.</summary>
public sealed class SourceFinderResult
{
    internal SourceFinderResult()
    {
    }

    /// <summary>Every recorded sample's sources, in sample order (the whole chain, not a prefix).</summary>
    public required IReadOnlyList<ChainRow> Chain { get; init; }

    /// <summary>Every recorded sample: walker, number of sources, log L (the traces).</summary>
    public required IReadOnlyList<ChainSample> Samples { get; init; }

    /// <summary>The sources found, brightest first.</summary>
    public required IReadOnlyList<CatalogueSource> Catalogue { get; init; }

    /// <summary>The annealing schedule: β and the ensemble mean log L at each temperature.</summary>
    public required IReadOnlyList<AnnealingStep> Schedule { get; init; }

    /// <summary>log of the evidence relative to the empty model, by thermodynamic integration.</summary>
    public required double LogEvidence { get; init; }

    /// <summary>The map-plane noise σ used (Jy/beam), given or estimated.</summary>
    public required double Sigma { get; init; }

    /// <summary>The flux scale of the prior used (Jy).</summary>
    public required double FluxScale { get; init; }

    /// <summary>Likelihood evaluations (one per proposal, incremental) over the run.</summary>
    public required long Evaluations { get; init; }

    /// <summary>Fraction of proposals accepted.</summary>
    public required double AcceptanceRate { get; init; }

    /// <summary>Wall time of the annealing phase.</summary>
    public required TimeSpan AnnealingTime { get; init; }

    /// <summary>Wall time of the sampling phase.</summary>
    public required TimeSpan SamplingTime { get; init; }

    /// <summary>Wall time of the whole run, including noise estimation and cataloguing.</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>Likelihood evaluations per second of sampler wall time.</summary>
    public double EvaluationsPerSecond => Evaluations / Math.Max(1e-9, (AnnealingTime + SamplingTime).TotalSeconds);

    /// <summary>Warnings about the inputs (e.g. a normalised PSF), for the caller to show.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Whether the map had a celestial WCS, so catalogue entries carry RA and Dec.</summary>
    public required bool HasWorldCoordinates { get; init; }

    /// <summary>Width of the map (pixels, NAXIS1).</summary>
    public required int MapSize { get; init; }

    /// <summary>The map pixels searched (the central half unless <see cref="SourceFinderOptions.SearchArea"/> was given).</summary>
    public required SearchArea SearchArea { get; init; }

    /// <summary>The options the run used.</summary>
    public required SourceFinderOptions Options { get; init; }
}

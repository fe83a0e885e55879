using Microsoft.Extensions.Logging;

namespace Stoa.Basc;

/// <summary>Every knob of a source-finding run. The defaults reproduce the original BaSC where it was right.</summary>
public sealed record SourceFinderOptions
{
    /// <summary>Seed of the random number generator; a run is a deterministic function of its inputs and this seed.</summary>
    /// <value>The default value is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Number of walkers in the ensemble.</summary>
    /// <value>The default value is 16.</value>
    public int EnsembleSize { get; init; } = 16;

    /// <summary>
    /// Annealing rate: each temperature step lowers the ensemble's effective sample size to exp(−Rate) of its size, so
    /// smaller is slower and more careful (the original's "Rate": 0.5 default, 0.1 for careful runs).
    /// </summary>
    /// <value>The default value is 0.5.</value>
    public double Rate { get; init; } = 0.5;

    /// <summary>Fewest sources a model may have. The original shipped 1; 0 lets an empty field be empty.</summary>
    /// <value>The default value is 0.</value>
    public int MinAtoms { get; init; }

    /// <summary>Most sources a model may have.</summary>
    /// <value>The default value is 64.</value>
    public int MaxAtoms { get; init; } = 64;

    /// <summary>Mean of the Poisson prior on the number of sources above <see cref="MinAtoms"/> (a real number).</summary>
    /// <value>The default value is 1.</value>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Flux scale s of the prior p(F) = s / (s + F)², in Jy; <see langword="null"/> uses σ.</summary>
    public double? FluxScale { get; init; }

    /// <summary>
    /// Slope γ of an optional flux prior that matches source counts, dN/dS ∝ S^−γ: p(F) = F^−γ / ∫ F^−γ dF on
    /// [<see cref="FluxPriorMin"/>, <see cref="FluxPriorMax"/>] and zero outside, used exactly in every birth, death and
    /// flux proposal. <see langword="null"/> keeps the original's p(F) = s/(s+F)² (<see cref="FluxScale"/>). Euclidean
    /// counts have γ = 2.5; radio counts at mJy levels are flatter (γ ≈ 1.6–2).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the original's prior).</value>
    public double? FluxPriorSlope { get; init; }

    /// <summary>
    /// Lower bound of the power-law flux prior (<see cref="FluxPriorSlope"/>) in Jy; <see langword="null"/> uses σ. No source
    /// fainter than this exists in the model, so it sets how faint a fluctuation the sampler may explain by a source.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (σ).</value>
    public double? FluxPriorMin { get; init; }

    /// <summary>Upper bound of the power-law flux prior in Jy; <see langword="null"/> uses 10⁶ × the lower bound.</summary>
    /// <value>The default value is <see langword="null"/> (10⁶ × <see cref="FluxPriorMin"/>).</value>
    public double? FluxPriorMax { get; init; }

    /// <summary>Map-plane noise σ in Jy/beam; <see langword="null"/> estimates it with <see cref="NoiseMethod"/>.</summary>
    public double? Noise { get; init; }

    /// <summary>The noise estimator used when <see cref="Noise"/> is not given.</summary>
    /// <value>The default value is <see cref="NoiseMethod.Compatible"/>.</value>
    public NoiseMethod NoiseMethod { get; init; } = NoiseMethod.Compatible;

    /// <summary>Posterior samples recorded at β = 1, over the whole ensemble.</summary>
    /// <value>The default value is 2000.</value>
    public int Samples { get; init; } = 2000;

    /// <summary>Proposals per walker between two recorded samples (and per walker at each annealing temperature).</summary>
    /// <value>The default value is 100.</value>
    public int ProposalsPerSweep { get; init; } = 100;

    /// <summary>Unrecorded sweeps of every walker at β = 1 between annealing and sampling.</summary>
    /// <value>The default value is 20.</value>
    public int BurnInSweeps { get; init; } = 20;

    /// <summary>Upper bound on the number of annealing temperatures (a guard against pathological inputs).</summary>
    /// <value>The default value is 100000.</value>
    public int MaxAnnealingSteps { get; init; } = 100_000;

    /// <summary>Threads used to advance walkers in parallel; results do not depend on it.</summary>
    /// <value>The default value is 1.</value>
    public int Threads { get; init; } = 1;

    /// <summary>DBSCAN neighbourhood radius in pixels for clustering the chain into sources.</summary>
    /// <value>The default value is 3 pixels.</value>
    public double ClusterRadius { get; init; } = 3.0;

    /// <summary>
    /// DBSCAN minimum neighbours: a core point has at least max(ClusterMinSamples, <see cref="ClusterMinFraction"/> × samples)
    /// chain rows within <see cref="ClusterRadius"/>.
    /// </summary>
    /// <value>The default value is 10 (the original's).</value>
    public int ClusterMinSamples { get; init; } = 10;

    /// <summary>
    /// The DBSCAN minimum as a fraction of the recorded samples. A fixed count stops working as the chain grows: faint
    /// atoms the prior lets roam then become dense enough to bridge every cluster into one.
    /// </summary>
    /// <value>The default value is 0.05.</value>
    public double ClusterMinFraction { get; init; } = 0.05;

    /// <summary>
    /// Catalogue entries whose posterior detection probability (<see cref="CatalogueSource.DetectionProbability"/>) is
    /// below this are dropped. The default was calibrated, not set by hand: on 100 simulated 256² fields (recovery study
    /// seeds 1001–1100, 12 sources at 3–20σ each, Rate 0.1, the default flux prior) 0.35 was the threshold finding the most
    /// real sources with no false positive, and a cut on the flux S/N added nothing; on 100 other fields (seeds 101–200)
    /// it found 0.28 more real sources per field than 0.5 (the original's behaviour) with the same false positives
    /// (2 in 100 fields). Raise it for fewer false positives; 0 keeps every cluster.
    /// </summary>
    /// <value>The default value is 0.35.</value>
    public double MinDetectionProbability { get; init; } = 0.35;

    /// <summary>
    /// Split a cluster when most samples hold two or more sources in it (a blend), by k-means on its rows.
    /// The original reported a blend as one source.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SplitBlends { get; init; } = true;

    /// <summary>
    /// Sub-pixel resolution of source positions. 1 is the original's integer-pixel likelihood (flat inside a pixel, so a
    /// source between pixel centres loses up to 1 − B(½ px) of its flux); u &gt; 1 evaluates the likelihood on D and B
    /// resampled u times finer by exact Fourier interpolation, at u² times the memory.
    /// </summary>
    /// <value>The default value is 1.</value>
    public int Oversample { get; init; } = 1;

    /// <summary>
    /// Where sources are searched for, in map pixels; <see langword="null"/> for the original's central half (columns
    /// W/4 … 3W/4 − 1, rows H/4 … 3H/4 − 1). At most W/2 × H/2, so the PSF covers every offset between two sources.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the central half).</value>
    public SearchArea? SearchArea { get; init; }

    /// <summary>Divide the PSF by its centre value when that is not 1 (with a warning) instead of failing.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool NormalisePsf { get; init; }

    /// <summary>
    /// Where the run logs (category <c>Stoa.Basc</c>): the prepared map and noise at Debug; each
    /// <see cref="SamplerPhase"/>'s start and end (steps, samples, likelihood evaluations, duration) and the catalogue
    /// size at Information; input warnings at Warning. Nothing is logged inside the sampler's loops.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; init; }
}

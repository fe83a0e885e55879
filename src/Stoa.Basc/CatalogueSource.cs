namespace Stoa.Basc;

/// <summary>A source of the catalogue: one cluster of the chain.</summary>
/// <param name="X">Flux-weighted mean x in 0-based pixels of the input array, pixel centres at integers (x along NAXIS1).</param>
/// <param name="Y">Flux-weighted mean y, same convention (along NAXIS2).</param>
/// <param name="XStd">Flux-weighted posterior standard deviation of x (pixels).</param>
/// <param name="YStd">Flux-weighted posterior standard deviation of y (pixels).</param>
/// <param name="Flux">Median over samples of the summed intrinsic flux in the cluster (Jy).</param>
/// <param name="FluxLow">16 % quantile of that sum (Jy).</param>
/// <param name="FluxHigh">84 % quantile of that sum (Jy).</param>
/// <param name="DetectionProbability">
/// Posterior detection probability: the fraction of the recorded samples (every walker, the whole sampling phase) that hold
/// at least one source in this cluster. Sources carry no identity between samples (label switching), so each sample's
/// sources are assigned to clusters by the catalogue's own clustering and a sample counts at most once per cluster,
/// however many of its sources fall there and in whatever order.
/// </param>
/// <param name="Ra">Right ascension in degrees when the map has a celestial WCS, else <see langword="null"/>.</param>
/// <param name="Dec">Declination in degrees when the map has a celestial WCS, else <see langword="null"/>.</param>
public sealed record CatalogueSource(
    double X,
    double Y,
    double XStd,
    double YStd,
    double Flux,
    double FluxLow,
    double FluxHigh,
    double DetectionProbability,
    double? Ra,
    double? Dec)
{
    /// <summary>
    /// Standard error of <see cref="Ra"/> in degrees of right ascension (a coordinate difference; times cos Dec for the
    /// angle on the sky), propagated from <see cref="XStd"/> and <see cref="YStd"/> through the WCS; <see langword="null"/>
    /// without a WCS.
    /// </summary>
    public double? RaError { get; init; }

    /// <summary>Standard error of <see cref="Dec"/> in degrees, propagated like <see cref="RaError"/>; <see langword="null"/> without a WCS.</summary>
    public double? DecError { get; init; }

    /// <summary>The chain rows' fluxes summed per sample, for samples that hold the source (Jy); feeds the flux histogram.</summary>
    public IReadOnlyList<double> FluxSamples { get; init; } = [];
}

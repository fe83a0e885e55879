namespace Stoa.Basc;

/// <summary>Where a run is: reported after every annealing temperature and every recorded round of samples.</summary>
/// <param name="Phase">Annealing or sampling.</param>
/// <param name="Beta">Current inverse temperature β.</param>
/// <param name="SamplesRecorded">Posterior samples recorded so far.</param>
/// <param name="SamplesWanted">Posterior samples the run will record.</param>
/// <param name="Evaluations">Likelihood evaluations so far.</param>
public readonly record struct SourceFinderProgress(SamplerPhase Phase, double Beta, int SamplesRecorded, int SamplesWanted, long Evaluations)
{
    /// <summary>A rough overall fraction done, for a progress bar: annealing counts as the first half.</summary>
    public double Fraction => Phase == SamplerPhase.Annealing
        ? 0.5 * Beta
        : 0.5 + (0.5 * SamplesRecorded / Math.Max(1, SamplesWanted));
}

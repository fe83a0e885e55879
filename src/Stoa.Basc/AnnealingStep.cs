namespace Stoa.Basc;

/// <summary>One temperature of the annealing schedule.</summary>
/// <param name="Beta">Inverse temperature β after the step (0 &lt; β ≤ 1).</param>
/// <param name="MeanLogL">Ensemble mean of log L at β, the integrand of thermodynamic integration.</param>
public readonly record struct AnnealingStep(double Beta, double MeanLogL);

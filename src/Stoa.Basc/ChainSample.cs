namespace Stoa.Basc;

/// <summary>One recorded posterior sample: which walker it came from, how many sources it held and its log L.</summary>
/// <param name="Sample">Index of the sample (0-based).</param>
/// <param name="Walker">Ensemble member that produced it.</param>
/// <param name="Count">Number of sources K.</param>
/// <param name="LogL">log L (relative to the empty model, which has log L = 0).</param>
public readonly record struct ChainSample(int Sample, int Walker, int Count, double LogL);

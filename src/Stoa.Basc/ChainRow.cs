namespace Stoa.Basc;

/// <summary>One source in one recorded posterior sample.</summary>
/// <param name="Sample">Index of the recorded sample (0-based; the same for every source of that sample).</param>
/// <param name="X">Continuous x in pixels of the input array (pixel p spans [p, p+1); x along NAXIS1).</param>
/// <param name="Y">Continuous y in pixels of the input array (along NAXIS2).</param>
/// <param name="Flux">Intrinsic flux F in Jy (apparent flux divided by the primary beam).</param>
/// <param name="LogL">log L of the whole sample.</param>
public readonly record struct ChainRow(int Sample, double X, double Y, double Flux, double LogL);

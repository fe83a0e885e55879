namespace Stoa.Basc.Simulation;

/// <summary>A true point source of a simulated field.</summary>
/// <param name="X">x in 0-based pixels, pixel centres at integers (along NAXIS1); may be fractional.</param>
/// <param name="Y">y in 0-based pixels, pixel centres at integers (along NAXIS2); may be fractional.</param>
/// <param name="Flux">Intrinsic flux in Jy.</param>
public readonly record struct SimulatedSource(double X, double Y, double Flux);

using Stoa.Basc.Simulation;

namespace Stoa.Benchmarks.Basc;

/// <summary>
/// The recovery study's test field: a 256² map, σ = 1 mJy/beam, isolated sources at fixed S/N (3–20 σ) at random
/// sub-pixel positions, and one blended pair of 10 σ sources one beam FWHM apart. Positions depend on the seed.
/// </summary>
internal static class RecoveryField
{
    public const double Sigma = 1e-3;
    public const double PairSeparation = 4.5;
    public static readonly double[] Snr = [3, 3.5, 4, 4.5, 5, 5.5, 6, 8, 12, 20];

    public static (SimulatedField Field, List<SimulatedSource> Isolated, (SimulatedSource A, SimulatedSource B) Pair) Create(int seed)
    {
        var rng = new Random(seed * 7919);
        var placed = new List<(double X, double Y)>();
        (double X, double Y) Place(double clearance)
        {
            while (true)
            {
                // Inside the searched square [64, 192) with a 6-pixel margin, clear of everything placed so far.
                double x = 70 + (rng.NextDouble() * 116);
                double y = 70 + (rng.NextDouble() * 116);
                if (placed.All(p => Math.Sqrt(((p.X - x) * (p.X - x)) + ((p.Y - y) * (p.Y - y))) > clearance))
                {
                    placed.Add((x, y));
                    return (x, y);
                }
            }
        }

        var isolated = new List<SimulatedSource>();
        foreach (double snr in Snr)
        {
            var (x, y) = Place(16);
            isolated.Add(new SimulatedSource(x, y, snr * Sigma));
        }

        var (px, py) = Place(20);
        var a = new SimulatedSource(px, py, 10 * Sigma);
        var b = new SimulatedSource(px + PairSeparation, py, 10 * Sigma);
        placed.Add((b.X, b.Y));
        var field = FieldSimulator.Simulate(new SimulationOptions
        {
            Size = 256,
            Sigma = Sigma,
            NoiseSeed = seed,
            Sources = [.. isolated, a, b],
        });
        return (field, isolated, (a, b));
    }
}

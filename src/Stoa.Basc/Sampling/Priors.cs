using System.Runtime.CompilerServices;
namespace Stoa.Basc.Sampling;

/// <summary>
/// The model's priors (SPEC §Priors): positions uniform over the searched square, flux p(F) = s/(s+F)² for F &gt; 0,
/// and K = MinAtoms + Poisson(Alpha), truncated at MaxAtoms, with Alpha a real number.
/// </summary>
internal sealed class Priors
{
    public Priors(double fluxScale, int minAtoms, int maxAtoms, double alpha, double low, double size)
    {
        FluxScale = fluxScale;
        MinAtoms = minAtoms;
        MaxAtoms = maxAtoms;
        Alpha = alpha;
        Low = low;
        Size = size;
        LogAlpha = Math.Log(alpha);
    }

    public double FluxScale { get; }

    public int MinAtoms { get; }

    public int MaxAtoms { get; }

    public double Alpha { get; }

    /// <summary>First coordinate of the searched square (continuous pixel coordinates, pixel p spans [p, p+1)).</summary>
    public double Low { get; }

    /// <summary>Side of the searched square in pixels.</summary>
    public double Size { get; }

    private double LogAlpha { get; }

    /// <summary>Draws a flux from p(F): F = s·u/(1−u).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double DrawFlux(Xoshiro256 rng)
    {
        double u = rng.NextOpen();
        return FluxScale * u / (1 - u);
    }

    /// <summary>log p(F).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogFlux(double f) => Math.Log(FluxScale) - (2 * Math.Log(FluxScale + f));

    /// <summary>Draws a coordinate uniformly over the searched square.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double DrawCoordinate(Xoshiro256 rng) => Low + (Size * rng.NextDouble());

    /// <summary>Whether a coordinate lies inside the searched square.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Inside(double c) => c >= Low && c < Low + Size;

    /// <summary>log π(K+1) − log π(K) for K ≥ MinAtoms (−∞ beyond MaxAtoms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogCountRatioUp(int k)
        => k + 1 > MaxAtoms ? double.NegativeInfinity : LogAlpha - Math.Log(k + 1 - MinAtoms);

    /// <summary>Draws K from its prior.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int DrawCount(Xoshiro256 rng)
    {
        // Knuth's product method is fine: Alpha is a handful at most and this runs once per walker.
        double limit = Math.Exp(-Alpha);
        int k = 0;
        double p = rng.NextDouble();
        while (p > limit && MinAtoms + k < MaxAtoms)
        {
            k++;
            p *= rng.NextDouble();
        }

        return MinAtoms + k;
    }
}

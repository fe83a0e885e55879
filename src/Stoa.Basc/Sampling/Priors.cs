using System.Runtime.CompilerServices;
namespace Stoa.Basc.Sampling;

/// <summary>
/// The model's priors (SPEC §Priors): positions uniform over the searched square, a flux prior, and
/// K = MinAtoms + Poisson(Alpha), truncated at MaxAtoms, with Alpha a real number. The flux prior is the original's
/// p(F) = s/(s+F)² for F &gt; 0, or a power law p(F) ∝ F^−slope on [low, high] matching source counts dN/dS ∝ S^−slope.
/// </summary>
internal sealed class Priors
{
    /// <summary>Below this distance from 1 the power law's slope is treated as exactly 1 (the log-uniform prior).</summary>
    private const double UnitSlopeTolerance = 1e-9;

    // The power law's inverse-CDF constants: F^(1−γ) = a + u·span (or log F = a + u·span when γ = 1), and its log normaliser.
    private readonly double _a;
    private readonly double _span;
    private readonly double _logNorm;

    public Priors(double fluxScale, int minAtoms, int maxAtoms, double alpha, double low, double size)
    {
        FluxScale = fluxScale;
        MinAtoms = minAtoms;
        MaxAtoms = maxAtoms;
        Alpha = alpha;
        Low = low;
        Size = size;
        LogAlpha = Math.Log(alpha);
        FluxLow = 0;
        FluxHigh = double.PositiveInfinity;
    }

    /// <summary>The same priors with the flux prior p(F) ∝ F^−<paramref name="slope"/> on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public Priors(double slope, double low, double high, int minAtoms, int maxAtoms, double alpha, double searchLow, double size)
        : this(low, minAtoms, maxAtoms, alpha, searchLow, size)
    {
        IsPowerLaw = true;
        Slope = slope;
        FluxLow = low;
        FluxHigh = high;
        if (Math.Abs(1 - slope) < UnitSlopeTolerance)
        {
            _a = Math.Log(low);
            _span = Math.Log(high / low);
            _logNorm = -Math.Log(_span);
        }
        else
        {
            // ∫ F^−γ dF over [l, h] = (h^(1−γ) − l^(1−γ)) / (1 − γ); the draw inverts the CDF in u = F^(1−γ).
            _a = Math.Pow(low, 1 - slope);
            _span = Math.Pow(high, 1 - slope) - _a;
            _logNorm = Math.Log((1 - slope) / _span);
        }
    }

    public double FluxScale { get; }

    /// <summary>Whether the flux prior is the power law (else the original's s/(s+F)²).</summary>
    public bool IsPowerLaw { get; }

    /// <summary>The power law's slope γ in p(F) ∝ F^−γ.</summary>
    public double Slope { get; }

    /// <summary>Smallest flux the prior allows (0 for the original's prior).</summary>
    public double FluxLow { get; }

    /// <summary>Largest flux the prior allows (∞ for the original's prior).</summary>
    public double FluxHigh { get; }

    public int MinAtoms { get; }

    public int MaxAtoms { get; }

    public double Alpha { get; }

    /// <summary>First coordinate of the searched square (continuous pixel coordinates, pixel p spans [p, p+1)).</summary>
    public double Low { get; }

    /// <summary>Side of the searched square in pixels.</summary>
    public double Size { get; }

    private double LogAlpha { get; }

    /// <summary>Draws a flux from p(F): F = s·u/(1−u), or the power law's inverse CDF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double DrawFlux(Xoshiro256 rng)
    {
        double u = rng.NextOpen();
        if (!IsPowerLaw)
        {
            return FluxScale * u / (1 - u);
        }

        double f = Math.Abs(1 - Slope) < UnitSlopeTolerance ? Math.Exp(_a + (u * _span)) : Math.Pow(_a + (u * _span), 1 / (1 - Slope));
        // Rounding can put the end points a hair outside the bounds, where the density is zero.
        return Math.Clamp(f, FluxLow, FluxHigh);
    }

    /// <summary>log p(F); −∞ outside the power law's bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogFlux(double f)
    {
        if (!IsPowerLaw)
        {
            return Math.Log(FluxScale) - (2 * Math.Log(FluxScale + f));
        }

        return f < FluxLow || f > FluxHigh ? double.NegativeInfinity : _logNorm - (Slope * Math.Log(f));
    }

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

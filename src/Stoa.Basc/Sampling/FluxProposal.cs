using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Stoa.Basc.Sampling;

/// <summary>
/// A data-driven proposal for one source's flux: an even mixture of the prior p(F) and the source's conditional
/// likelihood (a Gaussian in F, since log L is quadratic in the fluxes) truncated to F &gt; 0.
/// </summary>
/// <remarks>
/// The Gaussian has precision τ = β P² B(0)/σ² and mean (D − Σ_others f B)/(P B(0)): the residual at the position. Its
/// mean is clamped at 0, so the truncated normal keeps at least half its mass and both sampling and density are cheap
/// and never underflow; a proposal only has to be the same function in both directions, which it is. The prior half
/// keeps p/q ≤ 2, so births and deaths are never starved by a poor Gaussian. With a bounded (power-law) prior the
/// Gaussian may propose a flux outside the bounds: q/p is then +∞ and the move is refused, which keeps detailed balance.
/// </remarks>
internal readonly struct FluxProposal
{
    private const double LogHalf = -0.6931471805599453;
    private const double LogSqrt2Pi = 0.9189385332046727;
    private readonly double _mean;
    private readonly double _sd;
    private readonly double _logNorm;
    private readonly bool _hasGaussian;

    /// <param name="residual">(D − Σ_others f B)/σ² at the position (units of the scaled likelihood).</param>
    /// <param name="gain">Primary beam P at the position.</param>
    /// <param name="beamAtZero">B(0)/σ².</param>
    /// <param name="beta">Inverse temperature β.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FluxProposal(double residual, double gain, double beamAtZero, double beta)
    {
        double tau = beta * gain * gain * beamAtZero;
        _hasGaussian = tau > 1e-300 && gain > 1e-12;
        if (_hasGaussian)
        {
            _mean = Math.Max(0.0, residual / (gain * beamAtZero));
            _sd = 1.0 / Math.Sqrt(tau);
            double z = _mean / _sd;
            // log of the truncated normal's normaliser: sd · Φ(z), Φ(z) = erfc(−z/√2)/2 ≥ 1/2 since z ≥ 0.
            _logNorm = Math.Log(_sd) + Math.Log(0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2))) + LogSqrt2Pi;
        }
    }

    /// <summary>Draws a flux.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Draw(Xoshiro256 rng, Priors priors)
    {
        if (!_hasGaussian || rng.NextDouble() < 0.5)
        {
            return priors.DrawFlux(rng);
        }

        while (true)
        {
            double f = _mean + (_sd * rng.NextGaussian());
            if (f > 0)
            {
                return f;
            }
        }
    }

    /// <summary>log q(F) − log p(F): the proposal's log density relative to the prior.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogRatioToPrior(double f, Priors priors)
    {
        if (!_hasGaussian)
        {
            return 0.0;
        }

        double logPrior = priors.LogFlux(f);
        if (double.IsNegativeInfinity(logPrior))
        {
            // A Gaussian draw outside a bounded prior: the target has no mass there, so the move must be refused.
            return double.PositiveInfinity;
        }

        double z = (f - _mean) / _sd;
        double logGauss = (-0.5 * z * z) - _logNorm;
        // log(½ p + ½ g) − log p = log ½ + log(1 + exp(log g − log p)).
        double d = logGauss - logPrior;
        return LogHalf + (d > 0 ? d + Math.Log(1 + Math.Exp(-d)) : Math.Log(1 + Math.Exp(d)));
    }
}

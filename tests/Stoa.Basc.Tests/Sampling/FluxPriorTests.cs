using Stoa.Basc.Likelihood;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Sampling;

/// <summary>
/// The optional source-count flux prior p(F) ∝ F^−γ on [l, h]: normalised, the right shape, zero outside its bounds,
/// and used exactly by the reversible-jump moves (a run whose posterior is known in closed form reproduces it).
/// </summary>
public sealed class FluxPriorTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.7)]
    [InlineData(2.5)]
    public void Power_Law_Density_Integrates_To_One_With_Slope_Gamma_And_Is_Zero_Outside(double slope)
    {
        const double low = 0.3, high = 40;
        var priors = new Priors(slope, low, high, 0, 10, 1, 0, 16);

        // Trapezoid rule in log F (dF = F d log F), fine enough for 1e-6.
        const int steps = 200_000;
        double a = Math.Log(low), b = Math.Log(high), sum = 0;
        for (int i = 0; i <= steps; i++)
        {
            // exp(log l) may round a hair below l, where the density is zero.
            double f = Math.Clamp(Math.Exp(a + ((b - a) * i / steps)), low, high);
            double w = i == 0 || i == steps ? 0.5 : 1;
            sum += w * Math.Exp(priors.LogFlux(f)) * f;
        }

        Assert.Equal(1.0, sum * (b - a) / steps, 6);

        // The shape: log p(F₁) − log p(F₂) = −γ log(F₁/F₂).
        Assert.Equal(-slope * Math.Log(10), priors.LogFlux(20) - priors.LogFlux(2), 12);
        Assert.Equal(double.NegativeInfinity, priors.LogFlux(low * 0.999));
        Assert.Equal(double.NegativeInfinity, priors.LogFlux(high * 1.001));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Power_Law_Draws_Follow_Its_Cdf(double slope)
    {
        const double low = 0.5, high = 50;
        var priors = new Priors(slope, low, high, 0, 10, 1, 0, 16);
        var rng = new Xoshiro256(5);
        const int n = 200_000;
        var draws = new double[n];
        for (int i = 0; i < n; i++)
        {
            draws[i] = priors.DrawFlux(rng);
            Assert.InRange(draws[i], low, high);
        }

        Array.Sort(draws);
        double Cdf(double f) => slope == 1
            ? Math.Log(f / low) / Math.Log(high / low)
            : (Math.Pow(f, 1 - slope) - Math.Pow(low, 1 - slope)) / (Math.Pow(high, 1 - slope) - Math.Pow(low, 1 - slope));

        // Kolmogorov–Smirnov distance; 1.95/√n is the 0.1 % critical value.
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double c = Cdf(draws[i]);
            d = Math.Max(d, Math.Max(Math.Abs(c - ((double)i / n)), Math.Abs(c - ((double)(i + 1) / n))));
        }

        Assert.True(d < 1.95 / Math.Sqrt(n), $"KS distance {d}");
    }

    [Fact]
    public void Default_Flux_Prior_Is_The_Originals()
    {
        var priors = new Priors(2e-3, 0, 10, 1, 0, 16);
        Assert.False(priors.IsPowerLaw);
        foreach (double f in new[] { 1e-5, 2e-3, 0.5 })
        {
            Assert.Equal(Math.Log(2e-3 / ((2e-3 + f) * (2e-3 + f))), priors.LogFlux(f), 12);
        }
    }

    /// <summary>
    /// A uniform map D = c with a delta-function PSF and σ = 1: sources on different pixels do not interact, so each
    /// source's flux has the density ∝ p(F) exp(cF − F²/2) on [l, h] and, with Z = ∫ p(F) exp(cF − F²/2) dF, the number
    /// of sources is Poisson(αZ). The Gaussian half of the flux proposal (mean c, sd 1) overlaps the prior's bounds, so
    /// births, deaths and refreshes all cross the bounds; a wrong normaliser or a missing refusal outside the bounds
    /// shifts both K and the flux distribution. (Two sources on one pixel, which do interact, are rare: 1024 pixels.)
    /// </summary>
    [Fact]
    public void Moves_Sample_The_Exact_Posterior_With_A_Bounded_Power_Law_Prior()
    {
        const int m = 64;
        const double c = 3, low = 0.5, high = 8, slope = 2, alpha = 0.05;
        var map = new double[m * m];
        Array.Fill(map, c);
        var psf = new double[m * m];
        psf[((m / 2) * m) + (m / 2)] = 1;
        var like = new MapLikelihood(m, map, psf, [], sigma: 1);
        var priors = new Priors(slope, low, high, 0, 40, alpha, like.SearchOffset, like.SearchSize);
        var weights = new double[like.SearchSize * like.SearchSize];
        weights[5] = 10;
        weights[300] = 1;
        var kernel = new MoveKernel(like, priors, new PositionProposal(weights, like.SearchOffset, like.SearchSize, m));
        var walker = new Walker(41, new Xoshiro256(17));

        // The exact per-source flux density on a fine grid, its normaliser Z and its quartiles.
        const int steps = 100_000;
        var cdf = new double[steps + 1];
        double z = 0, df = (high - low) / steps;
        for (int i = 1; i <= steps; i++)
        {
            double f0 = low + ((i - 1) * df), f1 = low + (i * df);
            double g(double f) => Math.Exp(priors.LogFlux(f) + (c * f) - (0.5 * f * f));
            z += 0.5 * (g(f0) + g(f1)) * df;
            cdf[i] = z;
        }

        double Quantile(double p) => low + (Array.FindIndex(cdf, v => v >= p * z) * df);
        double[] quartiles = [Quantile(0.25), Quantile(0.5), Quantile(0.75)];

        double sumK = 0, atoms = 0;
        var below = new double[3];
        const int rounds = 200_000;
        for (int r = 0; r < rounds; r++)
        {
            kernel.Advance(walker, 1.0, 5);
            sumK += walker.Count;
            for (int j = 0; j < walker.Count; j++)
            {
                Assert.InRange(walker.Flux[j], low, high);
                for (int q = 0; q < 3; q++)
                {
                    below[q] += walker.Flux[j] < quartiles[q] ? 1 : 0;
                }

                atoms++;
            }
        }

        Assert.Equal(alpha * z, sumK / rounds, 0.05 * alpha * z);
        Assert.Equal(0.25, below[0] / atoms, 0.02);
        Assert.Equal(0.50, below[1] / atoms, 0.02);
        Assert.Equal(0.75, below[2] / atoms, 0.02);
    }
}

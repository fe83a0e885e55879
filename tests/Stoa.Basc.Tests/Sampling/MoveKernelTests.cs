using Stoa.Basc.Likelihood;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Sampling;

/// <summary>
/// The reversible-jump moves must leave the target invariant. With a flat likelihood (σ enormous) the target is the
/// prior, so a long run must reproduce K ~ MinAtoms + Poisson(α), uniform positions and p(F) = s/(s+F)² — while the
/// data-driven proposals (a deliberately lopsided position density, the flux mixture) do their best to bias it.
/// </summary>
public sealed class MoveKernelTests
{
    [Theory]
    [InlineData(0, 2.5)]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.7)]
    public void Flat_Likelihood_Samples_The_Prior(int minAtoms, double alpha)
    {
        const int m = 32;
        var map = new double[m * m];
        var psf = new double[m * m];
        var rng = new Xoshiro256(3);
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = rng.NextGaussian();
        }

        psf[((m / 2) * m) + (m / 2)] = 1;
        var like = new MapLikelihood(m, map, psf, [], sigma: 1e9);
        var priors = new Priors(1.0, minAtoms, 40, alpha, like.SearchOffset, like.SearchSize);

        // A lopsided position proposal: one corner pixel carries most of the data-driven half.
        var weights = new double[like.SearchSize * like.SearchSize];
        weights[0] = 100;
        weights[17] = 1;
        var positions = new PositionProposal(weights, like.SearchOffset, like.SearchSize, m);
        var kernel = new MoveKernel(like, priors, positions);
        var walker = new Walker(41, new Xoshiro256(11));
        for (int j = 0; j < minAtoms; j++)
        {
            walker.Add(20.5, 20.5, 1.0, 1.0, (20 * m) + 20);
        }

        double sumK = 0, zeroExtra = 0, sumX = 0, sumLogFlux = 0, atoms = 0, cornerAtoms = 0;
        const int rounds = 200_000;
        for (int r = 0; r < rounds; r++)
        {
            kernel.Advance(walker, 1.0, 5);
            sumK += walker.Count;
            zeroExtra += walker.Count == minAtoms ? 1 : 0;
            for (int j = 0; j < walker.Count; j++)
            {
                sumX += walker.X[j];
                sumLogFlux += Math.Log(walker.Flux[j]);
                cornerAtoms += walker.Lin[j] == (like.SearchOffset * m) + like.SearchOffset ? 1 : 0;
                atoms++;
            }
        }

        Assert.Equal(minAtoms + alpha, sumK / rounds, 0.06 * (1 + alpha));
        Assert.Equal(Math.Exp(-alpha), zeroExtra / rounds, 0.03);

        // Uniform positions over [8, 24): mean 16; the corner pixel holds 1/256 of them, not the proposal's half.
        Assert.Equal(16.0, sumX / atoms, 0.3);
        Assert.Equal(1.0 / 256, cornerAtoms / atoms, 0.004);

        // p(F) = s/(s+F)² with s = 1 is symmetric in log F about 0 (F → 1/F maps it onto itself).
        Assert.Equal(0.0, sumLogFlux / atoms, 0.1);
    }
}

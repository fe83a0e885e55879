using Stoa.Basc.Likelihood;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Sampling;

/// <summary>
/// Thermodynamic integration against an evidence computed by quadrature: with exactly one source (MinAtoms = MaxAtoms = 1)
/// on an 8 × 8 map, Z = (1/16) Σ_pixels ∫ p(F) exp(log L(F, pixel)) dF, and with u ~ U(0, 1), F = s·u/(1 − u) the inner
/// integral is ∫₀¹ exp(log L(F(u))) du.
/// </summary>
public sealed class EvidenceTests
{
    [Theory]
    [InlineData(4.0)]
    [InlineData(12.0)]
    public void Thermodynamic_Integration_Matches_Quadrature(double snr)
    {
        const int m = 8;
        const double sigma = 1.0;
        var rng = new Xoshiro256(21);
        var map = new double[m * m];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = rng.NextGaussian();
        }

        map[(3 * m) + 4] += snr;
        var psf = new double[m * m];
        psf[(4 * m) + 4] = 1.0;
        psf[(4 * m) + 5] = psf[(4 * m) + 3] = 0.3;
        var like = new MapLikelihood(m, map, psf, [], sigma);
        var priors = new Priors(1.0, 1, 1, 1.0, like.SearchOffset, like.SearchSize);

        double z = 0;
        const int steps = 200_000;
        for (int y = 2; y < 6; y++)
        {
            for (int x = 2; x < 6; x++)
            {
                int lin = (y * m) + x;
                double inner = 0;
                for (int k = 0; k < steps; k++)
                {
                    double u = (k + 0.5) / steps;
                    double f = u / (1 - u);
                    inner += Math.Exp((f * like.Data(lin)) - (0.5 * f * f * like.BeamAtZero));
                }

                z += inner / steps / 16;
            }
        }

        var positions = PositionProposal.FromMap(map, m, like.SearchOffset, like.SearchSize, sigma);
        var options = new SourceFinderOptions { EnsembleSize = 64, Rate = 0.1, Samples = 64, ProposalsPerSweep = 50, MinAtoms = 1, MaxAtoms = 1 };
        var estimates = Enumerable.Range(1, 3)
            .Select(seed => new EnsembleSampler(like, priors, positions, options with { Seed = seed }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Run(null, CancellationToken.None).LogEvidence)
            .ToArray();
        double mean = estimates.Average();
        Assert.True(Math.Abs(mean - Math.Log(z)) < 0.25, $"TI {string.Join(", ", estimates.Select(e => e.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} vs quadrature {Math.Log(z):F3}");
    }
}

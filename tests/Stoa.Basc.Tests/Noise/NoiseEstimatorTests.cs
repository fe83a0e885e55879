using Stoa.Basc.Noise;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Noise;

public sealed class NoiseEstimatorTests
{
    /// <summary>SPEC §Noise written as plainly as possible, one loop per step.</summary>
    private static double Reference(int m, double[] map, double[]? weights)
    {
        int n = m / 2, off = m / 4;
        var d = new List<double>();
        var w = new List<double>();
        for (int y = off; y < off + n; y++)
        {
            for (int x = off; x < off + n; x++)
            {
                d.Add(map[(y * m) + x]);
                w.Add(weights is null ? 1.0 : weights[(y * m) + x]);
            }
        }

        var sorted = d.OrderBy(v => v).ToList();
        double m0 = sorted[d.Count / 2];
        double ss = 0;
        foreach (double v in d)
        {
            ss += (v - m0) * (v - m0);
        }

        double s = Math.Sqrt(ss / (d.Count - 1));
        double sw = 0, swd = 0;
        for (int i = 0; i < d.Count; i++)
        {
            if ((d[i] - m0) * (d[i] - m0) < 4 * s * s)
            {
                sw += w[i];
                swd += w[i] * d[i];
            }
        }

        double mu = swd / sw;
        double acc = 0;
        for (int i = 0; i < d.Count; i++)
        {
            if ((d[i] - m0) * (d[i] - m0) < 4 * s * s)
            {
                acc += w[i] * (d[i] - mu) * (d[i] - mu);
            }
        }

        return Math.Sqrt(acc / (sw - 1));
    }

    [Theory]
    [InlineData(16, 1, false)]
    [InlineData(17, 2, false)]
    [InlineData(64, 3, true)]
    [InlineData(128, 4, true)]
    [InlineData(255, 5, false)]
    public void Compatible_Matches_The_Scalar_Reference(int m, int seed, bool weighted)
    {
        var rng = new Xoshiro256(seed);
        var map = new double[m * m];
        for (int i = 0; i < map.Length; i++)
        {
            // Heavy tails (a few bright pixels) so the 2-s clip has something to remove.
            map[i] = (2.5 * rng.NextGaussian()) + (rng.NextDouble() < 0.02 ? 40 * rng.NextDouble() : 0) + 0.3;
        }

        double[]? pb = null;
        if (weighted)
        {
            pb = new double[m * m];
            for (int i = 0; i < pb.Length; i++)
            {
                pb[i] = 0.5 + rng.NextDouble();
            }
        }

        double expected = Reference(m, map, pb);
        double actual = NoiseEstimator.Compatible(m, map, pb);
        Assert.Equal(expected, actual, 1e-12 * expected);
    }

    [Fact]
    public void Compatible_Reads_About_088_Sigma_On_White_Noise_And_Robust_About_1()
    {
        const int m = 512;
        var rng = new Xoshiro256(9);
        var map = new double[m * m];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = rng.NextGaussian();
        }

        Assert.InRange(NoiseEstimator.Compatible(m, map, []), 0.86, 0.90);
        Assert.InRange(NoiseEstimator.Robust(m, map), 0.98, 1.02);
    }
}

using Stoa.Basc.Likelihood;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Likelihood;

/// <summary>Random maps, beams and source sets for the likelihood tests, all from fixed seeds.</summary>
internal static class LikelihoodFixture
{
    /// <summary>A symmetric random "beam" with 1 at the centre and a random map, both M × M.</summary>
    public static MapLikelihood Random(int m, int seed, double sigma = 0.7, bool primaryBeam = false)
    {
        var rng = new Xoshiro256(seed);
        var map = new double[m * m];
        var psf = new double[m * m];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = rng.NextGaussian();
        }

        int c = m / 2;
        for (int y = 0; y < m; y++)
        {
            for (int x = 0; x < m; x++)
            {
                double dx = x - c, dy = y - c;
                psf[(y * m) + x] = Math.Exp(-((dx * dx) + (dy * dy)) / 18.0) * Math.Cos(0.3 * dx) + (0.05 * rng.NextGaussian());
            }
        }

        psf[(c * m) + c] = 1;
        double[] pb = [];
        if (primaryBeam)
        {
            pb = new double[m * m];
            for (int i = 0; i < pb.Length; i++)
            {
                pb[i] = 0.2 + (0.8 * rng.NextDouble());
            }
        }

        return new MapLikelihood(m, map, psf, pb, sigma);
    }

    /// <summary>K random sources inside the searched square: linear indices and apparent fluxes.</summary>
    public static (int[] Lin, double[] Flux) Sources(MapLikelihood like, int k, int seed)
    {
        var rng = new Xoshiro256(seed, 99);
        var lin = new int[k];
        var flux = new double[k];
        for (int i = 0; i < k; i++)
        {
            int x = like.SearchOffset + rng.NextInt(like.SearchSize);
            int y = like.SearchOffset + rng.NextInt(like.SearchSize);
            lin[i] = (y * like.Size) + x;
            flux[i] = 0.1 + (3 * rng.NextDouble());
        }

        return (lin, flux);
    }
}

using FsCheck;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using Stoa.Basc.Likelihood;
using Stoa.Basc.Sampling;
using Complex = System.Numerics.Complex;

namespace Stoa.Basc.Tests.Likelihood;

/// <summary>
/// SPEC §Likelihood: for natural-weighted visibilities, −Σ|V − M|²/2s² = const + the map log L with σ² = s²/N.
/// The visibility side is computed directly from simulated visibilities with MathNet; the map side from the dirty
/// map and beam those visibilities make. Their difference must be the same constant for every model.
/// </summary>
public sealed class VisibilityIdentityTests
{
    private const int M = 24;
    private const double NoiseS = 0.8;
    private static readonly Observation Data = Observation.Simulate(seed: 17, visibilities: 150);

    [Property(MaxTest = 200)]
    public bool MapLogL_Minus_VisibilityLogL_Is_The_Same_Constant_For_Every_Model(NonNegativeInt count, int seed)
    {
        int k = count.Get % 8;
        var rng = new Xoshiro256(seed, 5);
        var lin = new int[k];
        var flux = new double[k];
        var pos = new (int X, int Y)[k];
        for (int i = 0; i < k; i++)
        {
            pos[i] = ((M / 4) + rng.NextInt(M / 2), (M / 4) + rng.NextInt(M / 2));
            lin[i] = (pos[i].Y * M) + pos[i].X;
            flux[i] = 4 * rng.NextDouble();
        }

        double map = Data.Likelihood.Full(lin, flux);
        double vis = Data.VisibilityLogL(pos, flux);
        double constant = -Data.VisibilityLogL([], []); // the empty model has map log L = 0
        double difference = map - vis;
        return Math.Abs(difference - constant) <= 1e-9 * (Math.Abs(vis) + Math.Abs(constant));
    }

    private sealed class Observation
    {
        private readonly (int U, int V)[] _uv;
        private readonly Vector<Complex> _vis;

        private Observation((int U, int V)[] uv, Vector<Complex> vis, MapLikelihood likelihood)
        {
            _uv = uv;
            _vis = vis;
            Likelihood = likelihood;
        }

        public MapLikelihood Likelihood { get; }

        public static Observation Simulate(int seed, int visibilities)
        {
            var rng = new Xoshiro256(seed, 1);
            var uv = new (int U, int V)[visibilities];
            for (int j = 0; j < visibilities; j++)
            {
                uv[j] = (rng.NextInt(M / 2) - (M / 4), rng.NextInt(M / 2) - (M / 4));
            }

            // A true sky of three sources plus complex Gaussian noise of s per component.
            (double X, double Y, double F)[] truth = [(9, 10, 3.0), (14, 13, 1.2), (11, 16, 0.7)];
            var vis = Vector<Complex>.Build.Dense(visibilities, j =>
            {
                Complex v = Complex.Zero;
                foreach (var (x, y, f) in truth)
                {
                    v += f * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((uv[j].U * x) + (uv[j].V * y)) / M);
                }

                return v + new Complex(NoiseS * rng.NextGaussian(), NoiseS * rng.NextGaussian());
            });

            // Natural-weighted dirty map and beam: D(p) = Σ Re(V e^{+2πi u·p/M}) / N, B(p − c) = Σ cos(2π u·(p − c)/M) / N.
            var map = new double[M * M];
            var psf = new double[M * M];
            for (int y = 0; y < M; y++)
            {
                for (int x = 0; x < M; x++)
                {
                    double d = 0, b = 0;
                    for (int j = 0; j < visibilities; j++)
                    {
                        double phase = 2 * Math.PI * ((uv[j].U * x) + (uv[j].V * y)) / M;
                        d += (vis[j] * Complex.FromPolarCoordinates(1, phase)).Real;
                        b += Math.Cos(2 * Math.PI * ((uv[j].U * (x - (M / 2))) + (uv[j].V * (y - (M / 2)))) / M);
                    }

                    map[(y * M) + x] = d / visibilities;
                    psf[(y * M) + x] = b / visibilities;
                }
            }

            double sigma = NoiseS / Math.Sqrt(visibilities);
            return new Observation(uv, vis, new MapLikelihood(M, map, psf, [], sigma));
        }

        public double VisibilityLogL((int X, int Y)[] pos, double[] flux)
        {
            var model = Vector<Complex>.Build.Dense(_uv.Length, j =>
            {
                Complex v = Complex.Zero;
                for (int i = 0; i < pos.Length; i++)
                {
                    v += flux[i] * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((_uv[j].U * pos[i].X) + (_uv[j].V * pos[i].Y)) / M);
                }

                return v;
            });
            var residual = _vis - model;
            return -residual.ConjugateDotProduct(residual).Real / (2 * NoiseS * NoiseS);
        }
    }
}

using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Simulation;

/// <summary>
/// Simulates a natural-weighted interferometric observation on the FFT grid: a random array's earth-rotation uv
/// tracks gridded to the nearest cell give the sampling function S; the dirty beam is its Fourier transform
/// normalised to 1 at (M/2, M/2); sources are placed sub-pixel through their Fourier phases; noise is white noise
/// filtered by √S, so its covariance is exactly σ² B.
/// </summary>
public static class FieldSimulator
{
    /// <summary>Simulates the field described by <paramref name="options"/>.</summary>
    /// <param name="options">Array, track, grid, noise and sources.</param>
    /// <returns>The dirty map, beam, primary beam and truth.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SimulatedField Simulate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int m = options.Size;
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 8, nameof(options.Size));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Antennas, 2, nameof(options.Antennas));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TimeSteps, 1, nameof(options.TimeSteps));
        if (!(options.UvExtent > 0 && options.UvExtent <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UvExtent, "UvExtent must lie in (0, 1]");
        }

        if (!(options.Sigma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Sigma, "Sigma must be ≥ 0");
        }

        var (sampling, count) = Sampling(options);
        double total = 0;
        foreach (double s in sampling)
        {
            total += s;
        }

        // Dirty beam: B0(p) = Σ_u S(u) e^{+2πi u·p/M} / Σ S, zero lag at pixel 0; the PSF is it shifted to (M/2, M/2).
        var spectrum = new Complex[m * m];
        for (int i = 0; i < spectrum.Length; i++)
        {
            spectrum[i] = sampling[i];
        }

        Transform(spectrum, m, inverse: true);
        var psf = new double[m * m];
        for (int y = 0; y < m; y++)
        {
            for (int x = 0; x < m; x++)
            {
                int sx = (x + (m / 2)) % m;
                int sy = (y + (m / 2)) % m;
                psf[(sy * m) + sx] = spectrum[(y * m) + x].Real / total;
            }
        }

        psf[((m / 2) * m) + (m / 2)] = 1.0; // exactly 1 rather than 1 ± rounding

        double[]? pb = null;
        if (options.PrimaryBeamFwhm is { } fwhm)
        {
            pb = new double[m * m];
            double s2 = fwhm * fwhm / (8 * Math.Log(2));
            for (int y = 0; y < m; y++)
            {
                for (int x = 0; x < m; x++)
                {
                    double dx = x - (m / 2);
                    double dy = y - (m / 2);
                    pb[(y * m) + x] = Math.Exp(-((dx * dx) + (dy * dy)) / (2 * s2));
                }
            }
        }

        // Sky: visibilities S(u) Σ_k F_k P(x_k) e^{−2πi u·x_k/M}, so each source is B0 shifted to its sub-pixel position.
        var sky = new Complex[m * m];
        foreach (var src in options.Sources)
        {
            double gain = pb is null ? 1.0 : GaussianGain(src.X, src.Y, m, options.PrimaryBeamFwhm!.Value);
            for (int v = 0; v < m; v++)
            {
                int fv = v < m / 2 ? v : v - m;
                for (int u = 0; u < m; u++)
                {
                    double s = sampling[(v * m) + u];
                    if (s == 0)
                    {
                        continue;
                    }

                    int fu = u < m / 2 ? u : u - m;
                    double phase = -2 * Math.PI * ((fu * src.X) + (fv * src.Y)) / m;
                    sky[(v * m) + u] += s * src.Flux * gain * Complex.FromPolarCoordinates(1, phase);
                }
            }
        }

        // Noise: white N(0,1) filtered by √S; covariance (ΣS/M²)·B0, rescaled to σ² B0.
        var rng = new Xoshiro256(options.NoiseSeed, 0x5eed);
        var noise = new Complex[m * m];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = rng.NextGaussian();
        }

        Transform(noise, m, inverse: false);
        double noiseScale = options.Sigma * m / Math.Sqrt(total);
        for (int i = 0; i < noise.Length; i++)
        {
            sky[i] = (sky[i] / total) + (noise[i] * Math.Sqrt(sampling[i]) * noiseScale / (m * (double)m));
        }

        Transform(sky, m, inverse: true);
        var map = new double[m * m];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = sky[i].Real;
        }

        return new SimulatedField(
            new SkyImage(m, m, map, "simulated map"),
            new SkyImage(m, m, psf, "simulated PSF"),
            pb is null ? null : new SkyImage(m, m, pb, "simulated primary beam"),
            options.Sources.ToArray(),
            options.Sigma,
            count);
    }

    private static double GaussianGain(double x, double y, int m, double fwhm)
    {
        double s2 = fwhm * fwhm / (8 * Math.Log(2));
        double dx = x - (m / 2);
        double dy = y - (m / 2);
        return Math.Exp(-((dx * dx) + (dy * dy)) / (2 * s2));
    }

    /// <summary>The gridded sampling function S (counts per cell, Hermitian-symmetric) and the number of samples.</summary>
    internal static (double[] Sampling, int Count) Sampling(SimulationOptions options)
    {
        int m = options.Size;
        var rng = new Xoshiro256(options.ArraySeed, 0xa77a);
        var east = new double[options.Antennas];
        var north = new double[options.Antennas];
        for (int a = 0; a < options.Antennas; a++)
        {
            // Uniform in a disc; the longest baselines are then ~2 radii.
            double r = Math.Sqrt(rng.NextDouble());
            double t = 2 * Math.PI * rng.NextDouble();
            east[a] = r * Math.Cos(t);
            north[a] = r * Math.Sin(t);
        }

        double dec = options.Declination * Math.PI / 180;
        double extent = options.UvExtent * (m / 2) / 2.0; // a baseline of length 2 (disc diameter) reaches UvExtent · M/2
        var sampling = new double[m * m];
        int count = 0;
        for (int step = 0; step < options.TimeSteps; step++)
        {
            double h = options.TimeSteps == 1 ? 0 : options.HourAngle * ((2.0 * step / (options.TimeSteps - 1)) - 1);
            double ha = h * Math.PI / 12;
            for (int a = 0; a < options.Antennas; a++)
            {
                for (int b = a + 1; b < options.Antennas; b++)
                {
                    double lx = east[b] - east[a];
                    double ly = north[b] - north[a];
                    // Baseline in local (east, north) on the equator-parallel plane, projected for hour angle and declination.
                    double u = ((lx * Math.Cos(ha)) - (ly * Math.Sin(ha))) * extent;
                    double v = ((lx * Math.Sin(ha)) + (ly * Math.Cos(ha))) * Math.Sin(dec) * extent;
                    int iu = (int)Math.Round(u);
                    int iv = (int)Math.Round(v);
                    if (Math.Abs(iu) >= m / 2 || Math.Abs(iv) >= m / 2 || (iu == 0 && iv == 0))
                    {
                        continue;
                    }

                    sampling[(Mod(iv, m) * m) + Mod(iu, m)] += 1;
                    sampling[(Mod(-iv, m) * m) + Mod(-iu, m)] += 1;
                    count += 2;
                }
            }
        }

        return (sampling, count);
    }

    private static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>Unnormalised 2-D DFT by rows then columns: forward e^{−2πi k·n/M}, inverse e^{+2πi k·n/M}.</summary>
    internal static void Transform(Complex[] data, int m, bool inverse)
    {
        var line = new Complex[m];
        for (int y = 0; y < m; y++)
        {
            Array.Copy(data, y * m, line, 0, m);
            OneD(line, inverse);
            Array.Copy(line, 0, data, y * m, m);
        }

        for (int x = 0; x < m; x++)
        {
            for (int y = 0; y < m; y++)
            {
                line[y] = data[(y * m) + x];
            }

            OneD(line, inverse);
            for (int y = 0; y < m; y++)
            {
                data[(y * m) + x] = line[y];
            }
        }
    }

    private static void OneD(Complex[] line, bool inverse)
    {
        // FourierOptions.NoScaling: forward uses e^{−…}, inverse e^{+…}, neither divides by M.
        if (inverse)
        {
            Fourier.Inverse(line, FourierOptions.NoScaling);
        }
        else
        {
            Fourier.Forward(line, FourierOptions.NoScaling);
        }
    }
}

using System.Numerics;
using Stoa.Basc.Simulation;

namespace Stoa.Basc.Likelihood;

/// <summary>
/// Resamples an M × M image onto a u-times finer grid by zero-padding its discrete Fourier transform: the exact
/// trigonometric interpolant of a band-limited, periodic image such as a dirty map or dirty beam. Sample (x, y) of the
/// result is the input at (x/u, y/u), so pixel (M/2, M/2) of a PSF lands on (uM/2, uM/2).
/// </summary>
/// <remarks>
/// With D and B upsampled, the integer-pixel likelihood on the fine grid is the continuous-position likelihood at
/// 1/u-pixel resolution, so the flux bias of snapping a source to a pixel centre (≈ 1 − B(½ px)) shrinks by u².
/// The Nyquist row and column (|k| = M/2) are split evenly between +k and −k so a real input stays real.
/// </remarks>
internal static class FourierUpsampler
{
    public static double[] Upsample(ReadOnlySpan<double> image, int m, int factor)
    {
        int n = m * factor;
        var spectrum = new Complex[m * m];
        for (int i = 0; i < spectrum.Length; i++)
        {
            spectrum[i] = image[i];
        }

        FieldSimulator.Transform(spectrum, m, inverse: false);
        var padded = new Complex[n * n];
        int half = m / 2;
        for (int ky = -half; ky <= half; ky++)
        {
            if (ky == half && m % 2 == 1)
            {
                break;
            }

            double wy = m % 2 == 0 && Math.Abs(ky) == half ? 0.5 : 1.0;
            int sy = ((ky % m) + m) % m;
            int dy = ((ky % n) + n) % n;
            for (int kx = -half; kx <= half; kx++)
            {
                if (kx == half && m % 2 == 1)
                {
                    break;
                }

                double wx = m % 2 == 0 && Math.Abs(kx) == half ? 0.5 : 1.0;
                int sx = ((kx % m) + m) % m;
                int dx = ((kx % n) + n) % n;
                padded[(dy * n) + dx] += spectrum[(sy * m) + sx] * (wx * wy);
            }
        }

        FieldSimulator.Transform(padded, n, inverse: true);
        var result = new double[n * n];
        double scale = 1.0 / ((double)m * m);
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = padded[i].Real * scale;
        }

        return result;
    }

    /// <summary>Bilinear resampling (edge-clamped) for the primary beam, which is smooth but not band-limited.</summary>
    public static double[] Bilinear(ReadOnlySpan<double> image, int m, int factor)
    {
        int n = m * factor;
        var result = new double[n * n];
        for (int y = 0; y < n; y++)
        {
            double fy = Math.Clamp((double)y / factor, 0, m - 1);
            int y0 = Math.Min((int)fy, m - 2);
            double ty = fy - y0;
            for (int x = 0; x < n; x++)
            {
                double fx = Math.Clamp((double)x / factor, 0, m - 1);
                int x0 = Math.Min((int)fx, m - 2);
                double tx = fx - x0;
                result[(y * n) + x] =
                    ((1 - ty) * (((1 - tx) * image[(y0 * m) + x0]) + (tx * image[(y0 * m) + x0 + 1]))) +
                    (ty * (((1 - tx) * image[((y0 + 1) * m) + x0]) + (tx * image[((y0 + 1) * m) + x0 + 1])));
            }
        }

        return result;
    }
}

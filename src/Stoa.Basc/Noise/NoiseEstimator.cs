using System.Numerics.Tensors;

namespace Stoa.Basc.Noise;

/// <summary>
/// Estimates the map-plane noise σ from the searched square of the dirty map, as the original BaSC does
/// (SPEC §Noise): upper median m0, rms s about it, keep pixels with (D − m0)² &lt; (2s)², then the primary-beam
/// weighted mean μ and σ = sqrt(Σ w (D − μ)² / (Σ w − 1)) over the kept pixels.
/// </summary>
/// <remarks>The 2-s clip reads about 0.88 σ on white noise; <see cref="Robust"/> offers an unbiased alternative.</remarks>
internal static class NoiseEstimator
{
    /// <summary>The compatible estimator on the central N × N square (offset M/4) of an M × M map.</summary>
    /// <param name="size">M.</param>
    /// <param name="map">Row-major map.</param>
    /// <param name="weights">Primary-beam weights (NaN already 0), or empty for all ones.</param>
    /// <param name="blanked">Per map pixel, whether it was blanked (NaN in the input) and so left out; null for none.</param>
    public static double Compatible(int size, ReadOnlySpan<double> map, ReadOnlySpan<double> weights, bool[]? blanked = null)
    {
        var d = new List<double>();
        var w = new List<double>();
        foreach (int i in SearchedPixels(size, blanked))
        {
            d.Add(map[i]);
            w.Add(weights.IsEmpty ? 1.0 : weights[i]);
        }

        return Compatible(d.ToArray(), w.ToArray());
    }

    /// <summary>Linear indices of the central N × N square (offset M/4) of an M × M map, row by row, blanked pixels left out.</summary>
    private static IEnumerable<int> SearchedPixels(int size, bool[]? blanked)
    {
        int n = size / 2;
        int off = size / 4;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                int i = ((y + off) * size) + x + off;
                if (blanked is null || !blanked[i])
                {
                    yield return i;
                }
            }
        }
    }

    /// <summary>The compatible estimator on an already-cropped pixel list <paramref name="d"/> with weights <paramref name="w"/>.</summary>
    public static double Compatible(ReadOnlySpan<double> d, ReadOnlySpan<double> w)
    {
        int count = d.Length;
        if (count < 2)
        {
            throw new ArgumentException("need at least two pixels to estimate the noise", nameof(d));
        }

        var sorted = d.ToArray();
        Array.Sort(sorted);
        double m0 = sorted[count / 2];

        var dev = new double[count];
        TensorPrimitives.Subtract(d, m0, dev);
        double s = Math.Sqrt(TensorPrimitives.Dot(dev, dev) / (count - 1));
        double limit = 4 * s * s;

        // Kept pixels: a mask of weights (0 where clipped) lets the two weighted sums run as dot products.
        var kept = new double[count];
        for (int i = 0; i < count; i++)
        {
            kept[i] = dev[i] * dev[i] < limit ? w[i] : 0.0;
        }

        double sumW = TensorPrimitives.Sum(kept);
        double mu = TensorPrimitives.Dot(kept, d) / sumW;
        TensorPrimitives.Subtract(d, mu, dev);
        TensorPrimitives.Multiply(dev, dev, dev);
        double ss = TensorPrimitives.Dot(kept, dev);
        return Math.Sqrt(ss / (sumW - 1));
    }

    /// <summary>
    /// An unbiased alternative for Gaussian noise: 1.4826 × the median absolute deviation from the median of the
    /// searched square (weights ignored). Not the original's; offered as <see cref="NoiseMethod.Robust"/>.
    /// </summary>
    public static double Robust(int size, ReadOnlySpan<double> map, bool[]? blanked = null)
    {
        var list = new List<double>();
        foreach (int i in SearchedPixels(size, blanked))
        {
            list.Add(map[i]);
        }

        var d = list.ToArray();
        Array.Sort(d);
        double med = 0.5 * (d[(d.Length - 1) / 2] + d[d.Length / 2]);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Math.Abs(d[i] - med);
        }

        Array.Sort(d);
        double mad = 0.5 * (d[(d.Length - 1) / 2] + d[d.Length / 2]);
        return 1.4826 * mad;
    }
}

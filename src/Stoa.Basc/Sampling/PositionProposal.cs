using System.Runtime.CompilerServices;

namespace Stoa.Basc.Sampling;

/// <summary>
/// Where births and jumps put a source: an even mixture of the uniform prior over the searched square (less any
/// blanked pixels) and a fixed,
/// data-driven density over its pixels, w_p ∝ max(D_p/σ − 2, 0)², that favours bright pixels of the dirty map.
/// </summary>
/// <remarks>
/// The density is built once from the dirty map, so it is the same function in both directions of every move and the
/// acceptance ratios carry the exact factor prior/proposal = (1/N²) / q(p) (the position inside a pixel is uniform in
/// both). The uniform half keeps that factor ≤ 2, so no region is ever starved. Sampling is a binary search in the
/// cumulative weights: O(log N²), no allocation.
/// </remarks>
internal sealed class PositionProposal
{
    private readonly double[] _cumulative;
    private readonly double[] _weight;
    private readonly double _total;
    private readonly int _n;
    private readonly int _offset;
    private readonly int _size;

    // Searched-square pixels a source may sit on (all but blanked ones), and per searched pixel whether it may.
    private readonly int[] _allowed;
    private readonly bool[] _allows;

    /// <summary>
    /// Builds the density from per-pixel weights over the searched N × N square (row-major, length N²). Pixels with
    /// <paramref name="blocked"/> set (blanked in the map) hold no source: the prior is uniform over the others.
    /// </summary>
    public PositionProposal(ReadOnlySpan<double> weights, int searchOffset, int searchSize, int mapSize, bool[]? blocked = null)
    {
        _n = searchSize;
        _offset = searchOffset;
        _size = mapSize;
        _weight = weights.ToArray();
        _allows = new bool[_weight.Length];
        var allowed = new List<int>(_weight.Length);
        for (int i = 0; i < _weight.Length; i++)
        {
            _allows[i] = blocked is null || !blocked[i];
            if (_allows[i])
            {
                allowed.Add(i);
            }
            else
            {
                _weight[i] = 0;
            }
        }

        if (allowed.Count == 0)
        {
            throw new ArgumentException("every pixel of the searched square is blanked", nameof(blocked));
        }

        _allowed = [.. allowed];
        _cumulative = new double[_weight.Length];
        double total = 0;
        for (int i = 0; i < _weight.Length; i++)
        {
            total += _weight[i];
            _cumulative[i] = total;
        }

        _total = total;
    }

    /// <summary>The density from the dirty map: weights max(D/σ − 2, 0)² over the searched square.</summary>
    public static PositionProposal FromMap(ReadOnlySpan<double> map, int mapSize, int searchOffset, int searchSize, double sigma, bool[]? blanked = null)
    {
        bool[]? blocked = blanked is null ? null : new bool[searchSize * searchSize];
        var w = new double[searchSize * searchSize];
        for (int y = 0; y < searchSize; y++)
        {
            for (int x = 0; x < searchSize; x++)
            {
                double snr = map[((y + searchOffset) * mapSize) + x + searchOffset] / sigma;
                double excess = Math.Max(snr - 2, 0);
                w[(y * searchSize) + x] = excess * excess;
                if (blocked is not null)
                {
                    blocked[(y * searchSize) + x] = blanked![((y + searchOffset) * mapSize) + x + searchOffset];
                }
            }
        }

        return new PositionProposal(w, searchOffset, searchSize, mapSize, blocked);
    }

    /// <summary>Draws a continuous position (pixel p spans [p, p+1)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double X, double Y) Draw(Xoshiro256 rng)
    {
        int pixel;
        if (_total <= 0 || rng.NextDouble() < 0.5)
        {
            pixel = _allowed[rng.NextInt(_allowed.Length)];
        }
        else
        {
            double u = rng.NextDouble() * _total;
            int lo = 0, hi = _cumulative.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_cumulative[mid] > u)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            pixel = lo;
        }

        return (_offset + (pixel % _n) + rng.NextDouble(), _offset + (pixel / _n) + rng.NextDouble());
    }

    /// <summary>Whether a source may sit at linear map index <paramref name="lin"/> of the searched square (not blanked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Allows(int lin) => _allows[(((lin / _size) - _offset) * _n) + (lin % _size) - _offset];

    /// <summary>log(prior density / proposal density) at the pixel holding linear map index <paramref name="lin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double LogPriorOverProposal(int lin)
    {
        if (_total <= 0)
        {
            return 0;
        }

        int x = (lin % _size) - _offset;
        int y = (lin / _size) - _offset;
        double uniform = 1.0 / _allowed.Length;
        double q = (0.5 * uniform) + (0.5 * _weight[(y * _n) + x] / _total);
        return Math.Log(uniform / q);
    }
}

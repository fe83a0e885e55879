using System.Runtime.InteropServices;

namespace Stoa.Basc.Catalogue;

/// <summary>
/// Turns the chain into a catalogue: DBSCAN on the rows' positions, optional splitting of blends, then per source
/// the position mean ± std, the per-sample summed flux with its 16/50/84 % quantiles, and the detection probability.
/// </summary>
/// <remarks>
/// The flux of a source is summed over the rows of each sample that fall in its cluster, so a source the sampler splits
/// over two atoms keeps its flux (the original averaged per-atom fluxes and halved such sources). A cluster whose
/// samples mostly hold m ≥ 2 atoms is a blend DBSCAN has joined; with <see cref="SourceFinderOptions.SplitBlends"/> it
/// is split by k-means into m sources, seeded with the positions of the first sample holding exactly m atoms there,
/// unless the parts come out closer than <see cref="MinBlendSeparation"/> (two atoms sharing one source).
/// </remarks>
internal static class CatalogueBuilder
{
    /// <summary>
    /// Parts of a split blend must be at least this far apart (pixels). With integer pixels a bright source between pixel
    /// centres is often held by two atoms up to ~2 px apart; splitting those at 2 px made a 20σ source into itself plus a
    /// ~5σ false source with p_det ≈ 0.5 in 2 of 100 recovery fields. Blends one beam (4.5 px) apart still split.
    /// </summary>
    public const double MinBlendSeparation = 3.0;

    public static List<CatalogueSource> Build(
        IReadOnlyList<ChainRow> rows,
        int sampleCount,
        SourceFinderOptions options,
        Func<double, double, (double Ra, double Dec)>? pixelToWorld)
    {
        // The sampler's chain is a List: read its rows in place. Millions of rows read several times each through the
        // list interface (a call and a 40-byte copy per read) cost about a second of a 30 M-evaluation run.
        var list = rows as List<ChainRow> ?? [.. rows];
        ReadOnlySpan<ChainRow> chain = CollectionsMarshal.AsSpan(list);
        var xs = new double[chain.Length];
        var ys = new double[chain.Length];
        for (int i = 0; i < chain.Length; i++)
        {
            xs[i] = chain[i].X;
            ys[i] = chain[i].Y;
        }

        int minPoints = Math.Max(options.ClusterMinSamples, (int)Math.Ceiling(options.ClusterMinFraction * sampleCount));
        int[] labels = Dbscan.Cluster(xs, ys, options.ClusterRadius, minPoints);
        int clusters = 0;
        foreach (int l in labels)
        {
            clusters = Math.Max(clusters, l + 1);
        }

        // Members of each cluster, sized by a first counting pass (no list regrowth over millions of rows).
        var sizes = new int[clusters];
        foreach (int l in labels)
        {
            if (l >= 0)
            {
                sizes[l]++;
            }
        }

        var members = new List<int>[clusters];
        for (int c = 0; c < clusters; c++)
        {
            members[c] = new List<int>(sizes[c]);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= 0)
            {
                members[labels[i]].Add(i);
            }
        }

        // Clusters are summarised independently, in parallel (a bright source's hundreds of thousands of rows dominate), and
        // collected in cluster order, so the catalogue does not depend on scheduling.
        var summaries = new List<CatalogueSource>[clusters];
        Parallel.For(0, clusters, c =>
        {
            ReadOnlySpan<ChainRow> all = CollectionsMarshal.AsSpan(list);
            summaries[c] = [];
            foreach (var part in options.SplitBlends ? SplitBlend(all, members[c]) : [members[c]])
            {
                var s = Summarise(all, part, sampleCount, pixelToWorld);
                if (s.DetectionProbability >= options.MinDetectionProbability)
                {
                    summaries[c].Add(s);
                }
            }
        });
        var sources = summaries.SelectMany(s => s).ToList();
        sources.Sort((a, b) => b.Flux.CompareTo(a.Flux));
        return sources;
    }

    /// <summary>Splits a cluster into m parts when most of its samples hold m ≥ 2 rows in it, at least <see cref="MinBlendSeparation"/> apart.</summary>
    internal static List<List<int>> SplitBlend(ReadOnlySpan<ChainRow> chain, List<int> rows)
    {
        // Rows are in chain order, which is sample order, so each sample's rows in the cluster are one contiguous run.
        var runs = SampleRuns(chain, rows);
        var histogram = new Dictionary<int, int>();
        foreach (var (_, length) in runs)
        {
            histogram[length] = histogram.GetValueOrDefault(length) + 1;
        }

        int mode = 1;
        int best = -1;
        foreach (var (count, n) in histogram.OrderBy(kv => kv.Key))
        {
            if (n > best)
            {
                best = n;
                mode = count;
            }
        }

        if (mode < 2 || 2 * best <= runs.Count)
        {
            return [rows];
        }

        // Seeds: the first sample (in order) holding exactly `mode` rows in this cluster.
        var (seedStart, _) = runs.First(run => run.Length == mode);
        var seeds = rows.GetRange(seedStart, mode);
        var cx = new double[mode];
        var cy = new double[mode];
        for (int c = 0; c < mode; c++)
        {
            (cx[c], cy[c]) = (chain[seeds[c]].X, chain[seeds[c]].Y);
        }

        var assign = new int[rows.Count];
        // The rows' positions copied out once: k-means passes over them up to 50 times, and a bright blend has hundreds of
        // thousands of rows (reading them through the chain's interface each pass cost seconds).
        var px = new double[rows.Count];
        var py = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            (px[i], py[i]) = (chain[rows[i]].X, chain[rows[i]].Y);
        }

        var sumX = new double[mode];
        var sumY = new double[mode];
        var counts = new int[mode];
        for (int iteration = 0; iteration < 50; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < rows.Count; i++)
            {
                int arg = 0;
                double bestD = double.PositiveInfinity;
                for (int c = 0; c < mode; c++)
                {
                    double d = ((px[i] - cx[c]) * (px[i] - cx[c])) + ((py[i] - cy[c]) * (py[i] - cy[c]));
                    if (d < bestD)
                    {
                        bestD = d;
                        arg = c;
                    }
                }

                changed |= assign[i] != arg || iteration == 0;
                assign[i] = arg;
            }

            Array.Clear(sumX);
            Array.Clear(sumY);
            Array.Clear(counts);
            for (int i = 0; i < rows.Count; i++)
            {
                sumX[assign[i]] += px[i];
                sumY[assign[i]] += py[i];
                counts[assign[i]]++;
            }

            for (int c = 0; c < mode; c++)
            {
                if (counts[c] > 0)
                {
                    cx[c] = sumX[c] / counts[c];
                    cy[c] = sumY[c] / counts[c];
                }
            }

            if (!changed)
            {
                break;
            }
        }

        // Two atoms sharing one bright source (the integer-pixel model needs that for a source between pixel centres) sit
        // about a pixel apart; a real blend is at least half a beam apart. Keep such clusters whole.
        for (int a = 0; a < mode; a++)
        {
            for (int b = a + 1; b < mode; b++)
            {
                if (Math.Sqrt(((cx[a] - cx[b]) * (cx[a] - cx[b])) + ((cy[a] - cy[b]) * (cy[a] - cy[b]))) < MinBlendSeparation)
                {
                    return [rows];
                }
            }
        }

        var parts = new List<List<int>>();
        for (int c = 0; c < mode; c++)
        {
            var part = new List<int>();
            for (int i = 0; i < rows.Count; i++)
            {
                if (assign[i] == c)
                {
                    part.Add(rows[i]);
                }
            }

            if (part.Count > 0)
            {
                parts.Add(part);
            }
        }

        return parts;
    }

    private static CatalogueSource Summarise(
        ReadOnlySpan<ChainRow> chain,
        List<int> rows,
        int sampleCount,
        Func<double, double, (double Ra, double Dec)>? pixelToWorld)
    {
        // Flux-weighted moments: faint atoms the prior lets roam through the cluster barely move the position.
        double mx = 0, my = 0, sw = 0;
        foreach (int r in rows)
        {
            double w = chain[r].Flux;
            mx += w * chain[r].X;
            my += w * chain[r].Y;
            sw += w;
        }

        mx /= sw;
        my /= sw;
        double vx = 0, vy = 0;
        foreach (int r in rows)
        {
            double w = chain[r].Flux;
            vx += w * (chain[r].X - mx) * (chain[r].X - mx);
            vy += w * (chain[r].Y - my) * (chain[r].Y - my);
        }

        double denominator = sw;
        var runs = SampleRuns(chain, rows);
        var fluxes = new double[runs.Count];
        for (int i = 0; i < runs.Count; i++)
        {
            var (start, length) = runs[i];
            for (int j = start; j < start + length; j++)
            {
                fluxes[i] += chain[rows[j]].Flux;
            }
        }

        var sorted = (double[])fluxes.Clone();
        Array.Sort(sorted);

        // Chain coordinates put pixel p on [p, p+1); the catalogue puts pixel centres on integers.
        double x = mx - 0.5;
        double y = my - 0.5;
        double sx = Math.Sqrt(vx / denominator), sy = Math.Sqrt(vy / denominator);
        double? ra = null, dec = null, raError = null, decError = null;
        if (pixelToWorld is not null)
        {
            (double a, double d) = pixelToWorld(x, y);
            ra = a;
            dec = d;
            (raError, decError) = WorldErrors(pixelToWorld, x, y, sx, sy);
        }

        return new CatalogueSource(
            x,
            y,
            sx,
            sy,
            Quantile(sorted, 0.5),
            Quantile(sorted, 0.16),
            Quantile(sorted, 0.84),
            (double)runs.Count / sampleCount,
            ra,
            dec)
        {
            FluxSamples = fluxes,
            RaError = raError,
            DecError = decError,
        };
    }

    /// <summary>
    /// Standard errors of RA and Dec (degrees) from pixel standard errors <paramref name="sx"/>, <paramref name="sy"/>:
    /// first-order propagation through the WCS, its Jacobian by central differences of ±½ pixel (RA differences wrapped
    /// into ±180°), the x and y errors taken as independent.
    /// </summary>
    internal static (double Ra, double Dec) WorldErrors(Func<double, double, (double Ra, double Dec)> pixelToWorld, double x, double y, double sx, double sy)
    {
        static double Wrap(double d) => d - (360 * Math.Round(d / 360));
        var (ra1, dec1) = pixelToWorld(x + 0.5, y);
        var (ra0, dec0) = pixelToWorld(x - 0.5, y);
        var (ra3, dec3) = pixelToWorld(x, y + 0.5);
        var (ra2, dec2) = pixelToWorld(x, y - 0.5);
        double raX = Wrap(ra1 - ra0), raY = Wrap(ra3 - ra2), decX = dec1 - dec0, decY = dec3 - dec2;
        return (Math.Sqrt((raX * sx * raX * sx) + (raY * sy * raY * sy)), Math.Sqrt((decX * sx * decX * sx) + (decY * sy * decY * sy)));
    }

    /// <summary>
    /// The runs of consecutive <paramref name="rows"/> (ascending chain indices) that share a sample: (first position in
    /// <paramref name="rows"/>, length), in sample order.
    /// </summary>
    private static List<(int Start, int Length)> SampleRuns(ReadOnlySpan<ChainRow> chain, List<int> rows)
    {
        var runs = new List<(int Start, int Length)>();
        int start = 0;
        for (int i = 1; i <= rows.Count; i++)
        {
            if (i == rows.Count || chain[rows[i]].Sample != chain[rows[start]].Sample)
            {
                runs.Add((start, i - start));
                start = i;
            }
        }

        return runs;
    }

    /// <summary>Quantile of sorted data by linear interpolation between order statistics (Hyndman–Fan type 7).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

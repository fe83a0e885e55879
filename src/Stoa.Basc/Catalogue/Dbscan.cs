namespace Stoa.Basc.Catalogue;

/// <summary>
/// DBSCAN (Ester et al. 1996) on 2-D points: a point with at least <c>minPoints</c> points (itself included) within
/// <c>radius</c> is a core point; clusters are the connected sets of core points plus the border points they reach.
/// </summary>
/// <remarks>
/// Neighbours are found through a uniform grid of cell side <c>radius</c>, so a query looks at 3 × 3 cells: O(n · local
/// density) rather than O(n²) — a chain holds tens of thousands of rows. Labels are deterministic: clusters are numbered
/// in order of their first core point in the input, and a border point joins the first cluster that reaches it.
/// </remarks>
internal static class Dbscan
{
    /// <summary>Noise label.</summary>
    public const int Noise = -1;

    /// <summary>Returns a label per point: the cluster index (0, 1, …) or <see cref="Noise"/>.</summary>
    public static int[] Cluster(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double radius, int minPoints)
    {
        int n = xs.Length;
        var labels = new int[n];
        Array.Fill(labels, int.MinValue);
        if (n == 0)
        {
            return labels;
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, xs[i]);
            minY = Math.Min(minY, ys[i]);
        }

        var cells = new Dictionary<(int, int), List<int>>();
        var cellOf = new (int, int)[n];
        for (int i = 0; i < n; i++)
        {
            var key = ((int)Math.Floor((xs[i] - minX) / radius), (int)Math.Floor((ys[i] - minY) / radius));
            cellOf[i] = key;
            if (!cells.TryGetValue(key, out var list))
            {
                list = [];
                cells[key] = list;
            }

            list.Add(i);
        }

        double r2 = radius * radius;
        var xa = xs.ToArray();
        var ya = ys.ToArray();
        var neighbours = new List<int>();
        var queue = new Queue<int>();
        int cluster = 0;

        void Neighbours(int p, List<int> result)
        {
            result.Clear();
            var (cx, cy) = cellOf[p];
            for (int dy = -1; dy <= 1; dy++)
            {
                for (int dx = -1; dx <= 1; dx++)
                {
                    if (!cells.TryGetValue((cx + dx, cy + dy), out var list))
                    {
                        continue;
                    }

                    foreach (int q in list)
                    {
                        double ddx = xa[q] - xa[p];
                        double ddy = ya[q] - ya[p];
                        if ((ddx * ddx) + (ddy * ddy) <= r2)
                        {
                            result.Add(q);
                        }
                    }
                }
            }
        }

        for (int p = 0; p < n; p++)
        {
            if (labels[p] != int.MinValue)
            {
                continue;
            }

            Neighbours(p, neighbours);
            if (neighbours.Count < minPoints)
            {
                labels[p] = Noise;
                continue;
            }

            labels[p] = cluster;
            queue.Clear();
            foreach (int q in neighbours)
            {
                queue.Enqueue(q);
            }

            var expansion = new List<int>();
            while (queue.Count > 0)
            {
                int q = queue.Dequeue();
                if (labels[q] == Noise)
                {
                    labels[q] = cluster; // border point
                }

                if (labels[q] != int.MinValue)
                {
                    continue;
                }

                labels[q] = cluster;
                Neighbours(q, expansion);
                if (expansion.Count >= minPoints)
                {
                    foreach (int r in expansion)
                    {
                        if (labels[r] == int.MinValue || labels[r] == Noise)
                        {
                            queue.Enqueue(r);
                        }
                    }
                }
            }

            cluster++;
        }

        return labels;
    }
}

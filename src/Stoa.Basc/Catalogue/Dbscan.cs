namespace Stoa.Basc.Catalogue;

/// <summary>
/// DBSCAN (Ester et al. 1996) on 2-D points: a point with at least <c>minPoints</c> points (itself included) within
/// <c>radius</c> is a core point; clusters are the connected sets of core points plus the border points they reach.
/// </summary>
/// <remarks>
/// A chain piles thousands of rows inside a pixel, so the textbook O(n · neighbours) expansion is quadratic in a bright
/// source. A uniform grid of cell side radius/2 fixes that: every pair of points in one cell is within the radius, so a
/// cell holding minPoints points makes all of them core without a distance check, and a cell whose points are all
/// already in a cluster costs nothing during expansion (each cell keeps the list of its points not yet in a cluster).
/// A query looks at the 5 × 5 cells around a point. Labels are deterministic: clusters are numbered in order of their
/// first core point in the input, and a border point joins the first cluster that reaches it.
/// </remarks>
internal static class Dbscan
{
    /// <summary>Noise label.</summary>
    public const int Noise = -1;

    private const int Unvisited = int.MinValue;

    /// <summary>Returns a label per point: the cluster index (0, 1, …) or <see cref="Noise"/>.</summary>
    public static int[] Cluster(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double radius, int minPoints)
    {
        int n = xs.Length;
        var labels = new int[n];
        Array.Fill(labels, Unvisited);
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

        double side = radius / 2;
        var cellIds = new Dictionary<(int, int), int>();
        var cellKeys = new List<(int X, int Y)>();
        var members = new List<List<int>>();
        var cellOf = new int[n];
        for (int i = 0; i < n; i++)
        {
            var key = ((int)Math.Floor((xs[i] - minX) / side), (int)Math.Floor((ys[i] - minY) / side));
            if (!cellIds.TryGetValue(key, out int id))
            {
                id = members.Count;
                cellIds[key] = id;
                cellKeys.Add(key);
                members.Add([]);
            }

            members[id].Add(i);
            cellOf[i] = id;
        }

        // Points of each cell not yet in a cluster (unvisited or noise), removed in O(1) as they join one, so an
        // expansion never rescans the thousands of rows of a cell it has already absorbed.
        var open = members.Select(m => new List<int>(m)).ToArray();
        var slot = new int[n];
        foreach (var list in open)
        {
            for (int i = 0; i < list.Count; i++)
            {
                slot[list[i]] = i;
            }
        }

        void Close(int point)
        {
            var list = open[cellOf[point]];
            int i = slot[point];
            int last = list[^1];
            list[i] = last;
            slot[last] = i;
            list.RemoveAt(list.Count - 1);
        }
        double r2 = radius * radius;
        var xa = xs.ToArray();
        var ya = ys.ToArray();
        var neighbourCells = new List<int>(25);

        void CellsAround(int p)
        {
            neighbourCells.Clear();
            var (cx, cy) = cellKeys[cellOf[p]];
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++)
                {
                    if (cellIds.TryGetValue((cx + dx, cy + dy), out int id))
                    {
                        neighbourCells.Add(id);
                    }
                }
            }
        }

        bool Near(int a, int b)
        {
            double dx = xa[a] - xa[b];
            double dy = ya[a] - ya[b];
            return (dx * dx) + (dy * dy) <= r2;
        }

        bool IsCore(int p)
        {
            if (members[cellOf[p]].Count >= minPoints)
            {
                return true;
            }

            CellsAround(p);
            int count = 0;
            foreach (int cell in neighbourCells)
            {
                foreach (int q in members[cell])
                {
                    if (Near(p, q) && ++count >= minPoints)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var queue = new Queue<int>();
        int cluster = 0;
        for (int p = 0; p < n; p++)
        {
            if (labels[p] != Unvisited)
            {
                continue;
            }

            if (!IsCore(p))
            {
                labels[p] = Noise;
                continue;
            }

            labels[p] = cluster;
            Close(p);
            queue.Enqueue(p);
            while (queue.Count > 0)
            {
                int q = queue.Dequeue();
                if (!IsCore(q))
                {
                    continue; // a border point: in the cluster, but it does not extend it
                }

                CellsAround(q);
                foreach (int cell in neighbourCells)
                {
                    var list = open[cell];

                    // Backwards, so closing (a swap with the last entry) never skips an unvisited entry.
                    for (int i = list.Count - 1; i >= 0; i--)
                    {
                        int r = list[i];
                        if (Near(q, r))
                        {
                            bool unvisited = labels[r] == Unvisited;
                            labels[r] = cluster;
                            Close(r);
                            if (unvisited)
                            {
                                queue.Enqueue(r);
                            }
                        }
                    }
                }
            }

            cluster++;
        }

        return labels;
    }
}

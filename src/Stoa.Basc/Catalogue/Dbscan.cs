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
/// A query looks at the 5 × 5 cells around a point, counting a cell whole or skipping it by its bounding box where it
/// can, so a dense cluster costs O(1) per point rather than O(minPoints). Labels are deterministic: clusters are numbered in order of their
/// first core point in the input, and a border point joins the first cluster that reaches it.
/// </remarks>
internal static class Dbscan
{
    /// <summary>Noise label.</summary>
    public const int Noise = -1;

    private const int Unvisited = int.MinValue;

    /// <summary>Bins per side of the fine grid over a dense cell.</summary>
    private const int Fine = 16;

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

        // The occupied cells among the 5 × 5 around each cell, found once per cell rather than once per query: a query
        // is then a walk over at most 25 lists, with no hashing.
        var around = new int[cellKeys.Count][];
        var found = new List<int>(25);
        for (int c = 0; c < cellKeys.Count; c++)
        {
            found.Clear();
            var (cx, cy) = cellKeys[c];
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++)
                {
                    if (cellIds.TryGetValue((cx + dx, cy + dy), out int id))
                    {
                        found.Add(id);
                    }
                }
            }

            around[c] = [.. found];
        }

        // Bounding box of each cell's points: a query counts a cell whole when its far corner is within the radius and
        // skips it when its near corner is beyond, so only cells straddling the circle need distance checks.
        var boxes = new (double MinX, double MinY, double MaxX, double MaxY)[members.Count];
        for (int c = 0; c < members.Count; c++)
        {
            var box = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
            foreach (int i in members[c])
            {
                box = (Math.Min(box.Item1, xa[i]), Math.Min(box.Item2, ya[i]), Math.Max(box.Item3, xa[i]), Math.Max(box.Item4, ya[i]));
            }

            boxes[c] = box;
        }

        var straddling = new List<int>(25);
        var fine = new FineGrid?[members.Count];

        // Core status per point, computed once: 0 unknown, 1 core, 2 not core.
        var coreState = new byte[n];

        bool IsCore(int p)
        {
            if (coreState[p] == 0)
            {
                coreState[p] = CountsAsCore(p) ? (byte)1 : (byte)2;
            }

            return coreState[p] == 1;
        }

        bool CountsAsCore(int p)
        {
            if (members[cellOf[p]].Count >= minPoints)
            {
                return true;
            }

            straddling.Clear();
            int count = 0, possible = 0;
            double px = xa[p], py = ya[p];
            foreach (int cell in around[cellOf[p]])
            {
                if (FarthestSquared(px, py, boxes[cell]) <= r2)
                {
                    count += members[cell].Count;
                    continue;
                }

                if (NearestSquared(px, py, boxes[cell]) <= r2)
                {
                    straddling.Add(cell);
                    possible += members[cell].Count;
                }
            }

            if (count >= minPoints)
            {
                return true;
            }

            if (count + possible < minPoints)
            {
                return false;
            }

            foreach (int cell in straddling)
            {
                possible -= members[cell].Count;
                fine[cell] ??= new FineGrid(members[cell], xa, ya);
                count += fine[cell]!.CountWithin(px, py, r2, minPoints - count);
                if (count >= minPoints)
                {
                    return true;
                }

                if (count + possible < minPoints)
                {
                    return false;
                }
            }

            return false;
        }

        var queue = new Queue<int>();
        var expanded = new bool[members.Count];

        void Join(int r, int cluster)
        {
            bool unvisited = labels[r] == Unvisited;
            labels[r] = cluster;
            Close(r);
            if (unvisited)
            {
                queue.Enqueue(r);
            }
        }

        void ExpandCell(int home, int cluster)
        {
            var cores = members[home].Count >= minPoints ? members[home] : members[home].FindAll(IsCore);
            var grid = new FineGrid(cores, xa, ya);
            foreach (int cell in around[home])
            {
                var list = open[cell];
                for (int i = list.Count - 1; i >= 0; i--)
                {
                    int r = list[i];
                    if (grid.CountWithin(xa[r], ya[r], r2, 1) > 0)
                    {
                        Join(r, cluster);
                    }
                }
            }
        }

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
                int home = cellOf[q];
                if (!expanded[home] && IsCore(q))
                {
                    // The core points of one cell are all within the radius of each other, so once one is in a cluster
                    // all are, and the union of their neighbourhoods is gathered once for the cell instead of once per
                    // point (which rescanned the open points near a bright source once per row, hundreds of
                    // thousands of times).
                    expanded[home] = true;
                    ExpandCell(home, cluster);
                }
            }

            cluster++;
        }

        return labels;
    }

    /// <summary>
    /// A cell's points binned <see cref="Fine"/> × <see cref="Fine"/> over their bounding box, so "how many lie within
    /// the radius of (x, y)" counts bins whole when the circle holds them, skips bins it misses, and checks single points
    /// only in the bins it cuts — instead of checking every one of a bright source's hundreds of thousands of rows.
    /// </summary>
    private sealed class FineGrid
    {
        private readonly List<int>[] _bins;
        private readonly (double MinX, double MinY, double MaxX, double MaxY)[] _boxes;
        private readonly double[] _xs;
        private readonly double[] _ys;

        public FineGrid(List<int> points, double[] xs, double[] ys)
        {
            _xs = xs;
            _ys = ys;
            double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
            foreach (int q in points)
            {
                (x0, y0, x1, y1) = (Math.Min(x0, xs[q]), Math.Min(y0, ys[q]), Math.Max(x1, xs[q]), Math.Max(y1, ys[q]));
            }

            double bw = Math.Max((x1 - x0) / Fine, 1e-12), bh = Math.Max((y1 - y0) / Fine, 1e-12);
            var bins = new List<int>?[Fine * Fine];
            var boxes = new (double MinX, double MinY, double MaxX, double MaxY)[Fine * Fine];
            foreach (int q in points)
            {
                int b = (Math.Min(Fine - 1, (int)((ys[q] - y0) / bh)) * Fine) + Math.Min(Fine - 1, (int)((xs[q] - x0) / bw));
                if (bins[b] is null)
                {
                    bins[b] = [];
                    boxes[b] = (xs[q], ys[q], xs[q], ys[q]);
                }

                bins[b]!.Add(q);
                var bb = boxes[b];
                boxes[b] = (Math.Min(bb.MinX, xs[q]), Math.Min(bb.MinY, ys[q]), Math.Max(bb.MaxX, xs[q]), Math.Max(bb.MaxY, ys[q]));
            }

            var kept = Enumerable.Range(0, bins.Length).Where(b => bins[b] is not null).ToArray();
            _bins = [.. kept.Select(b => bins[b]!)];
            _boxes = [.. kept.Select(b => boxes[b])];
        }

        /// <summary>Points within √<paramref name="r2"/> of (x, y), counting stopped once it reaches <paramref name="enough"/>.</summary>
        public int CountWithin(double x, double y, double r2, int enough)
        {
            int count = 0;
            for (int b = 0; b < _bins.Length && count < enough; b++)
            {
                if (NearestSquared(x, y, _boxes[b]) > r2)
                {
                    continue;
                }

                if (FarthestSquared(x, y, _boxes[b]) <= r2)
                {
                    count += _bins[b].Count;
                    continue;
                }

                foreach (int q in _bins[b])
                {
                    if (Square(_xs[q] - x) + Square(_ys[q] - y) <= r2 && ++count >= enough)
                    {
                        break;
                    }
                }
            }

            return count;
        }
    }

    /// <summary>Squared distance from (x, y) to the nearest point of a box (0 inside it).</summary>
    private static double NearestSquared(double x, double y, (double MinX, double MinY, double MaxX, double MaxY) box)
        => Square(Math.Max(0, Math.Max(box.MinX - x, x - box.MaxX))) + Square(Math.Max(0, Math.Max(box.MinY - y, y - box.MaxY)));

    /// <summary>Squared distance from (x, y) to the farthest corner of a box.</summary>
    private static double FarthestSquared(double x, double y, (double MinX, double MinY, double MaxX, double MaxY) box)
        => Square(Math.Max(x - box.MinX, box.MaxX - x)) + Square(Math.Max(y - box.MinY, box.MaxY - y));

    private static double Square(double v) => v * v;
}

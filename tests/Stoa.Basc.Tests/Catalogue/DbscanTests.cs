using Stoa.Basc.Catalogue;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Catalogue;

public sealed class DbscanTests
{
    /// <summary>The textbook definition by brute force: core points, connected components of cores, borders.</summary>
    private static int[] Reference(double[] xs, double[] ys, double eps, int minPoints)
    {
        int n = xs.Length;
        bool Near(int a, int b) => ((xs[a] - xs[b]) * (xs[a] - xs[b])) + ((ys[a] - ys[b]) * (ys[a] - ys[b])) <= eps * eps;
        var core = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Count(j => Near(i, j)) >= minPoints).ToArray();
        var labels = Enumerable.Repeat(-1, n).ToArray();
        int c = 0;
        for (int i = 0; i < n; i++)
        {
            if (!core[i] || labels[i] >= 0)
            {
                continue;
            }

            var stack = new Stack<int>([i]);
            labels[i] = c;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                for (int q = 0; q < n; q++)
                {
                    if (core[q] && labels[q] < 0 && Near(p, q))
                    {
                        labels[q] = c;
                        stack.Push(q);
                    }
                }
            }

            c++;
        }

        return labels.Select((l, i) => l).ToArray().Zip(core).Select(t => t.First).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Core_Points_Form_The_Same_Clusters_As_The_Brute_Force_Definition(int seed)
    {
        var rng = new Xoshiro256(seed);
        int n = 600;
        var xs = new double[n];
        var ys = new double[n];
        (double X, double Y)[] centres = [(10, 10), (30, 12), (14, 40), (16.5, 40)];
        for (int i = 0; i < n; i++)
        {
            if (i % 5 == 0)
            {
                xs[i] = 60 * rng.NextDouble();
                ys[i] = 60 * rng.NextDouble();
            }
            else
            {
                var c = centres[i % centres.Length];
                xs[i] = c.X + rng.NextGaussian();
                ys[i] = c.Y + rng.NextGaussian();
            }
        }

        var actual = Dbscan.Cluster(xs, ys, 1.5, 8);
        var expected = Reference(xs, ys, 1.5, 8);

        // Core points: same partition (labels may differ by a permutation). Border points: in some cluster touching them.
        var map = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            if (expected[i] >= 0)
            {
                Assert.True(actual[i] >= 0, $"core point {i} labelled noise");
                if (map.TryGetValue(expected[i], out int a))
                {
                    Assert.Equal(a, actual[i]);
                }
                else
                {
                    map[expected[i]] = actual[i];
                }
            }
        }

        Assert.Equal(map.Count, map.Values.Distinct().Count());
        Assert.True(map.Count >= 3);
    }

    /// <summary>
    /// DBSCAN as written down, O(n²): points in input order start clusters when core; a cluster grows breadth-first from
    /// its core points; a border point keeps the first cluster that reaches it. Every label, noise included.
    /// </summary>
    private static int[] TextbookLabels(double[] xs, double[] ys, double eps, int minPoints)
    {
        int n = xs.Length;
        bool Near(int a, int b) => ((xs[a] - xs[b]) * (xs[a] - xs[b])) + ((ys[a] - ys[b]) * (ys[a] - ys[b])) <= eps * eps;
        var core = new bool[n];
        for (int i = 0; i < n; i++)
        {
            int count = 0;
            for (int j = 0; j < n; j++)
            {
                count += Near(i, j) ? 1 : 0;
            }

            core[i] = count >= minPoints;
        }

        const int unvisited = int.MinValue;
        var labels = Enumerable.Repeat(unvisited, n).ToArray();
        int c = 0;
        for (int p = 0; p < n; p++)
        {
            if (labels[p] != unvisited)
            {
                continue;
            }

            if (!core[p])
            {
                labels[p] = Dbscan.Noise;
                continue;
            }

            labels[p] = c;
            var queue = new Queue<int>([p]);
            while (queue.Count > 0)
            {
                int q = queue.Dequeue();
                if (!core[q])
                {
                    continue;
                }

                for (int r = 0; r < n; r++)
                {
                    if ((labels[r] == unvisited || labels[r] == Dbscan.Noise) && Near(q, r))
                    {
                        if (labels[r] == unvisited)
                        {
                            queue.Enqueue(r);
                        }

                        labels[r] = c;
                    }
                }
            }

            c++;
        }

        return labels;
    }

    /// <summary>
    /// Chains pile hundreds of thousands of rows inside a pixel: dense cells (more rows than the minimum), cells the
    /// radius cuts through, broad faint sources and roaming atoms. The grid with per-cell expansion and fine bins must
    /// give exactly the textbook labels, noise and border points included.
    /// </summary>
    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 150)]
    [InlineData(3, 400)]
    [InlineData(4, 900)]
    public void Piled_Chains_Get_Exactly_The_Textbook_Labels(int seed, int minPoints)
    {
        var rng = new Xoshiro256(seed);
        int n = 5000;
        var xs = new double[n];
        var ys = new double[n];
        (double X, double Y, double Spread)[] sources = [(20, 20, 0.02), (23.5, 20.5, 0.3), (40, 12, 1.2), (12, 41, 0.6), (14.2, 41.3, 0.05)];
        for (int i = 0; i < n; i++)
        {
            if (i % 7 == 0)
            {
                xs[i] = 55 * rng.NextDouble();
                ys[i] = 55 * rng.NextDouble();
            }
            else
            {
                var s = sources[(i * 31 / 7) % sources.Length];
                xs[i] = s.X + (s.Spread * rng.NextGaussian());
                ys[i] = s.Y + (s.Spread * rng.NextGaussian());
            }
        }

        Assert.Equal(TextbookLabels(xs, ys, 3.0, minPoints), Dbscan.Cluster(xs, ys, 3.0, minPoints));
    }

    /// <summary>A real chain (fixed seed) clusters exactly as the textbook definition does, at the catalogue's settings.</summary>
    [Fact]
    public void A_Real_Chain_Gets_Exactly_The_Textbook_Labels()
    {
        var field = Stoa.Basc.Simulation.FieldSimulator.Simulate(new Stoa.Basc.Simulation.SimulationOptions
        {
            Size = 64,
            Sources = [new(30.3, 28.6, 0.012), new(34.6, 28.9, 0.008), new(24.2, 38.1, 0.005)],
        });
        var options = new SourceFinderOptions { Seed = 5, Samples = 400, ClusterMinFraction = 0 };
        var result = SourceFinder.Run(field.Map, field.Psf, options);
        var xs = result.Chain.Select(r => r.X).ToArray();
        var ys = result.Chain.Select(r => r.Y).ToArray();
        Assert.InRange(xs.Length, 800, 20000);
        Assert.Equal(TextbookLabels(xs, ys, 3.0, 10), Dbscan.Cluster(xs, ys, 3.0, 10));
    }

    [Fact]
    public void Empty_Input_Gives_No_Labels() => Assert.Empty(Dbscan.Cluster([], [], 3, 10));
}

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

    [Fact]
    public void Empty_Input_Gives_No_Labels() => Assert.Empty(Dbscan.Cluster([], [], 3, 10));
}

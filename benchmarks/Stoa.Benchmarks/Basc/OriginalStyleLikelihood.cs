namespace Stoa.Benchmarks.Basc;

/// <summary>
/// The original BaSC's cost model, written in C# for a like-for-like baseline: every proposal rebuilds log L from
/// scratch over all K² pairs with 2-D beam indexing, into arrays allocated per call (the C++ allocated its atom list
/// on every evaluation). Not used by the library; only the benchmark's Baseline.
/// </summary>
internal sealed class OriginalStyleLikelihood(int size, double[] map, double[] psf, double sigma)
{
    public double Evaluate(int[] xs, int[] ys, double[] flux)
    {
        int k = xs.Length;
        var px = new int[k];
        var py = new int[k];
        var f = new double[k];
        Array.Copy(xs, px, k);
        Array.Copy(ys, py, k);
        Array.Copy(flux, f, k);
        int c = size / 2;
        double linear = 0, quadratic = 0;
        for (int i = 0; i < k; i++)
        {
            linear += f[i] * map[(py[i] * size) + px[i]];
            for (int j = 0; j < k; j++)
            {
                quadratic += f[i] * f[j] * psf[((c + py[i] - py[j]) * size) + c + px[i] - px[j]];
            }
        }

        return (linear - (0.5 * quadratic)) / (sigma * sigma);
    }
}

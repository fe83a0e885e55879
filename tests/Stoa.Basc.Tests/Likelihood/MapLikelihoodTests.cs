using Stoa.Basc.Likelihood;

namespace Stoa.Basc.Tests.Likelihood;

public sealed class MapLikelihoodTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<int> SourceCounts()
    {
        var data = new TheoryData<int>();
        for (int k = 0; k <= 64; k++)
        {
            data.Add(k);
        }

        return data;
    }

    /// <summary>|a − b| within 1e-12 of the size of the terms involved (log L itself can cancel to near zero).</summary>
    private static void Close(double expected, double actual, double magnitude, string what)
        => Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1.0, magnitude), $"{what}: expected {expected:R}, got {actual:R} (Δ {expected - actual:G3}, scale {magnitude:G3})");

    private static double Magnitude(MapLikelihood like, ReadOnlySpan<int> lin, ReadOnlySpan<double> flux)
    {
        double s = 0;
        for (int i = 0; i < lin.Length; i++)
        {
            s += Math.Abs(flux[i] * like.Data(lin[i]));
            for (int k = 0; k < lin.Length; k++)
            {
                s += Math.Abs(flux[i] * flux[k] * like.Beam(lin[i] - lin[k]));
            }
        }

        return s;
    }

    [Theory]
    [MemberData(nameof(SourceCounts))]
    public void Full_Equals_Scalar_Double_Sum(int k)
    {
        var like = LikelihoodFixture.Random(96, 11);
        var (lin, flux) = LikelihoodFixture.Sources(like, k, k);
        Close(like.FullScalar(lin, flux), like.Full(lin, flux), Magnitude(like, lin, flux), $"K={k}");
    }

    [Theory]
    [MemberData(nameof(SourceCounts))]
    public void Incremental_Birth_Death_Move_Equal_Full_Rebuild(int k)
    {
        var like = LikelihoodFixture.Random(96, 5, primaryBeam: true);
        var (lin, flux) = LikelihoodFixture.Sources(like, k + 1, 1000 + k);
        var before = lin.AsSpan(0, k);
        var beforeFlux = flux.AsSpan(0, k);
        double full = like.Full(before, beforeFlux);
        double fullAfter = like.Full(lin, flux);
        double scale = Magnitude(like, lin, flux);

        // Birth of source k.
        Close(fullAfter, full + like.DeltaBirth(lin[k], flux[k], before, beforeFlux), scale, $"birth K={k}");

        // Death of each source j of the K + 1.
        for (int j = 0; j <= k; j++)
        {
            var rest = lin.Where((_, i) => i != j).ToArray();
            var restFlux = flux.Where((_, i) => i != j).ToArray();
            Close(like.Full(rest, restFlux), fullAfter + like.DeltaDeath(j, lin, flux), scale, $"death {j} of {k + 1}");
        }

        // Move of each source j to a new pixel and flux, and to the same pixel with a new flux.
        var (newLin, newFlux) = LikelihoodFixture.Sources(like, k + 1, 2000 + k);
        for (int j = 0; j <= k; j++)
        {
            foreach (int target in new[] { newLin[j], lin[j] })
            {
                var moved = (int[])lin.Clone();
                var movedFlux = (double[])flux.Clone();
                moved[j] = target;
                movedFlux[j] = newFlux[j];
                double expected = like.Full(moved, movedFlux);
                Close(expected, fullAfter + like.DeltaMove(j, target, newFlux[j], lin, flux), scale + Magnitude(like, moved, movedFlux), $"move {j} of {k + 1}");
            }
        }
    }

    [Fact]
    public void Two_Sources_Match_The_Formula_By_Hand()
    {
        const int m = 32;
        var map = new double[m * m];
        var psf = new double[m * m];
        map[(10 * m) + 12] = 3.0;   // D at source 1 (x = 12, y = 10)
        map[(13 * m) + 9] = -1.5;   // D at source 2 (x = 9, y = 13)
        psf[(16 * m) + 16] = 1.0;
        psf[((16 + 3) * m) + 16 - 3] = 0.25;   // B at offset (x1 − x2, y1 − y2) = (3, −3) … stored at (c + dx, c + dy)?
        psf[((16 - 3) * m) + 16 + 3] = 0.25;   // … and its mirror: a symmetric beam puts 0.25 at ±(3, −3)
        const double sigma = 0.5;
        var like = new MapLikelihood(m, map, psf, [], sigma);
        int[] lin = [(10 * m) + 12, (13 * m) + 9];
        double[] f = [2.0, 0.5];
        double expected = ((2.0 * 3.0) + (0.5 * -1.5) - (0.5 * ((2.0 * 2.0) + (0.5 * 0.5))) - (2.0 * 0.5 * 0.25)) / (sigma * sigma);
        Assert.Equal(expected, like.Full(lin, f), 12);
        Assert.Equal(expected, like.FullScalar(lin, f), 12);
    }

    [Fact]
    public void Evaluations_Allocate_Nothing()
    {
        var like = LikelihoodFixture.Random(128, 2);
        var (lin, flux) = LikelihoodFixture.Sources(like, 40, 4);
        double sink = like.Full(lin, flux) + like.DeltaBirth(lin[0], 1, lin, flux) + like.DeltaDeath(3, lin, flux) + like.DeltaMove(2, lin[5], 1.5, lin, flux);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sink += like.Full(lin, flux);
            sink += like.DeltaBirth(lin[i % 40], 1.0, lin, flux);
            sink += like.DeltaDeath(i % 40, lin, flux);
            sink += like.DeltaMove(i % 40, lin[(i + 7) % 40], 2.0, lin, flux);
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(double.IsFinite(sink));
        Assert.Equal(0, after - before);
    }
}

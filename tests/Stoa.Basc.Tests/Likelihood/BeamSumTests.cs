using Stoa.Basc.Likelihood;
using Stoa.Basc.Sampling;

namespace Stoa.Basc.Tests.Likelihood;

public sealed class BeamSumTests
{
    /// <summary>Every length 0–256 ends the four-sum main loop with every tail length.</summary>
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 256; n++)
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Partial_Sums_Equal_The_Scalar_Reference_At_Every_Length(int n)
    {
        const int m = 64;
        var rng = new Xoshiro256(n, 3);
        var beam = new double[m * m];
        for (int i = 0; i < beam.Length; i++)
        {
            beam[i] = rng.NextGaussian();
        }

        var lin = new int[n];
        var flux = new double[n];
        for (int k = 0; k < n; k++)
        {
            lin[k] = ((16 + rng.NextInt(32)) * m) + 16 + rng.NextInt(32);
            flux[k] = rng.NextGaussian();
        }

        int origin = ((m / 2) * m) + (m / 2) + (n > 0 ? lin[0] : 0);
        int other = ((m / 2) * m) + (m / 2) + (n > 0 ? lin[n - 1] : 0);
        AssertClose(BeamSum.Compute(beam, origin, lin, flux), beam, origin, lin, flux, $"n={n}");

        // A move's pair of sums: each equals the reference at its own origin.
        var (atOrigin, atOther) = BeamSum.ComputePair(beam, origin, other, lin, flux);
        AssertClose(atOrigin, beam, origin, lin, flux, $"n={n}, pair, first origin");
        AssertClose(atOther, beam, other, lin, flux, $"n={n}, pair, second origin");
    }

    private static void AssertClose(double computed, double[] beam, int origin, int[] lin, double[] flux, string what)
    {
        double reference = BeamSum.Scalar(beam, origin, lin, flux);
        double magnitude = 0;
        for (int k = 0; k < lin.Length; k++)
        {
            magnitude += Math.Abs(flux[k] * beam[origin - lin[k]]);
        }

        double scale = (1e-12 * magnitude) + 1e-300;
        Assert.True(Math.Abs(computed - reference) <= scale, $"{what}: {computed} vs {reference}");
    }
}

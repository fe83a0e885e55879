using System.Diagnostics;
using System.Runtime.CompilerServices;
using Stoa.Basc.Likelihood;
using Xunit.Abstractions;

namespace Stoa.Basc.Tests.Likelihood;

/// <summary>
/// The hot-loop guard (issue #22): the per-proposal kernel — Δ log L of a move, the costliest common proposal — is
/// timed against a plain scalar reference kernel written here, in the same process, interleaved block by block, and
/// the median of the per-block ratios must stay within 30 % of the checked-in baseline ratio (per source count, in the
/// test data). Wall times are never asserted: on the shared, loaded 2-core machine both kernels suffer the same load, so their ratio holds.
/// </summary>
public sealed class HotLoopGuardTests(ITestOutputHelper output)
{
    /// <summary>How far above the baseline the ratio may drift before the guard fails.</summary>
    public const double Allowance = 1.30;

    private const int Configurations = 64;

    private const int Passes = 40;

    /// <summary>The reference kernel: Δ log L of moving source j, with scalar loops over the beam through the accessors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ReferenceMove(MapLikelihood like, int j, int newLin, double newF, int[] lins, double[] flux)
    {
        int oldLin = lins[j];
        double oldF = flux[j];
        double sumNew = 0, sumOld = 0;
        for (int k = 0; k < lins.Length; k++)
        {
            if (k != j)
            {
                sumNew += flux[k] * like.Beam(newLin - lins[k]);
                sumOld += flux[k] * like.Beam(oldLin - lins[k]);
            }
        }

        return (newF * like.Data(newLin)) - (oldF * like.Data(oldLin)) - (newF * sumNew) + (oldF * sumOld)
            - (0.5 * ((newF * newF) - (oldF * oldF)) * like.BeamAtZero);
    }

    /// <summary>
    /// The baseline is the median time of our Δ move over the scalar reference's, both compiled fully optimised, measured
    /// with this test on a quiet 2-core AMD EPYC: 0.93–1.02 at K = 10 and 0.65–0.82 at K = 50 (unchecked partial sums,
    /// old and new position in one pass), taken as 1.00 and 0.80. The earlier baselines (0.49, 0.26) compared against a reference left to tiered
    /// compilation, and the AVX2 gathers they measured were 1.1–1.7 × a fully optimised scalar loop. An intended change
    /// re-measures and updates it in the same commit.
    /// </summary>
    [Theory]
    [InlineData(10, 1.00)]
    [InlineData(50, 0.80)]
    public void Move_Kernel_Stays_Within_30_Percent_Of_Its_Baseline_Against_The_Scalar_Reference(int k, double baselineRatio)
    {
        var like = LikelihoodFixture.Random(256, seed: 11);
        var configs = Enumerable.Range(0, Configurations).Select(c => LikelihoodFixture.Sources(like, k, seed: 100 + c)).ToArray();
        var targets = LikelihoodFixture.Sources(like, Configurations, seed: 7).Lin;
        int j = k / 2;

        // The two kernels compute the same number (else the comparison would be of different work).
        for (int c = 0; c < Configurations; c++)
        {
            var (lin, flux) = configs[c];
            double ours = like.DeltaMove(j, targets[c], 0.7, lin, flux);
            double reference = ReferenceMove(like, j, targets[c], 0.7, lin, flux);
            Assert.Equal(reference, ours, Math.Abs(reference) * 1e-12);
        }

        double sink = 0;
        long Block(bool ours)
        {
            long start = Stopwatch.GetTimestamp();
            sink += ours ? OurBlock(like, j, configs, targets) : ReferenceBlock(like, j, configs, targets);
            return Stopwatch.GetTimestamp() - start;
        }

        // Warm-up (tiered JIT reaches its final code), then interleaved blocks in alternating order.
        for (int i = 0; i < 30; i++)
        {
            Block(true);
            Block(false);
        }

        var ratios = new List<double>();
        for (int rep = 0; rep < 201; rep++)
        {
            long ours, reference;
            if ((rep & 1) == 0)
            {
                ours = Block(true);
                reference = Block(false);
            }
            else
            {
                reference = Block(false);
                ours = Block(true);
            }

            ratios.Add((double)ours / reference);
        }

        ratios.Sort();
        double median = ratios[ratios.Count / 2];
        output.WriteLine($"K = {k}: median ours/reference = {median:F3} (quartiles {ratios[ratios.Count / 4]:F3}–{ratios[3 * ratios.Count / 4]:F3}), baseline {baselineRatio:F3}, load average {LoadAverage()}, checksum {sink:G3}");
        Assert.True(
            median <= baselineRatio * Allowance,
            $"Δ move at K = {k} takes {median:F3} × the scalar reference's time; the baseline is {baselineRatio:F3} × (limit {baselineRatio * Allowance:F3} ×)");
    }

    // Both timed loops are compiled once, fully optimised, and never inlined into the timing code: left to tiered
    // compilation, on-stack replacement and dynamic PGO, the same K = 10 comparison settled at 0.38 in one run and at
    // 1.21 in the next, depending on what the profile-guided recompilation of the caller happened to inline.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double OurBlock(MapLikelihood like, int j, (int[] Lin, double[] Flux)[] configs, int[] targets)
    {
        double sink = 0;
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int c = 0; c < configs.Length; c++)
            {
                sink += like.DeltaMove(j, targets[c], 0.7, configs[c].Lin, configs[c].Flux);
            }
        }

        return sink;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double ReferenceBlock(MapLikelihood like, int j, (int[] Lin, double[] Flux)[] configs, int[] targets)
    {
        double sink = 0;
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int c = 0; c < configs.Length; c++)
            {
                sink += ReferenceMove(like, j, targets[c], 0.7, configs[c].Lin, configs[c].Flux);
            }
        }

        return sink;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Stoa.Basc.Likelihood;

/// <summary>
/// The inner loop of the likelihood: Σ_k f_k · b[origin − lin_k], the beam-weighted flux seen at one pixel from a set
/// of sources whose linear pixel indices are <c>lin</c>. Every proposal and the full evaluation reduce to this sum.
/// </summary>
/// <remarks>
/// The beam values sit at scattered addresses, so the loop is bound by one dependent add per term. It runs four
/// independent partial sums with unchecked reads; a plain scalar loop is the reference. There is deliberately no
/// hardware-gather path: timed against a fully optimised scalar loop (HotLoopGuardTests), AVX2 gathers took 1.1–1.7 ×
/// its time on the AMD machine they were written on, and their speed differs between CPU families. One kernel on every
/// machine also gives this sum one rounding order (no fused multiply-add, which .NET never contracts on its own). Whole
/// chains still differ in the last digits between builds: the noise estimate sums with TensorPrimitives, whose vector width
/// depends on the CPU and on JIT vs Native AOT (measured: the native stoa's σ and the JIT's differ in the 16th digit).
/// </remarks>
internal static class BeamSum
{
    /// <summary>Σ_k f[k] · beam[origin − lin[k]] over k &lt; lin.Length. Indices must lie inside <paramref name="beam"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static double Compute(ReadOnlySpan<double> beam, int origin, ReadOnlySpan<int> lin, ReadOnlySpan<double> flux)
    {
        int n = lin.Length;
        if (flux.Length < n)
        {
            ThrowFluxShorterThanLin();
        }

        ref double b = ref MemoryMarshal.GetReference(beam);
        ref int l = ref MemoryMarshal.GetReference(lin);
        ref double f = ref MemoryMarshal.GetReference(flux);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k <= n - 4; k += 4)
        {
            s0 += Unsafe.Add(ref f, k) * Unsafe.Add(ref b, origin - Unsafe.Add(ref l, k));
            s1 += Unsafe.Add(ref f, k + 1) * Unsafe.Add(ref b, origin - Unsafe.Add(ref l, k + 1));
            s2 += Unsafe.Add(ref f, k + 2) * Unsafe.Add(ref b, origin - Unsafe.Add(ref l, k + 2));
            s3 += Unsafe.Add(ref f, k + 3) * Unsafe.Add(ref b, origin - Unsafe.Add(ref l, k + 3));
        }

        for (; k < n; k++)
        {
            s0 += Unsafe.Add(ref f, k) * Unsafe.Add(ref b, origin - Unsafe.Add(ref l, k));
        }

        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// The sums at two origins in one pass (a move needs the old and the new position): each term's flux and index are
    /// loaded once for both, and the four partial sums (two per origin) keep the loop as busy as <see cref="Compute"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static unsafe (double AtA, double AtB) ComputePair(
        ReadOnlySpan<double> beam, int originA, int originB, ReadOnlySpan<int> lin, ReadOnlySpan<double> flux)
    {
        int n = lin.Length;
        if (flux.Length < n)
        {
            ThrowFluxShorterThanLin();
        }

        fixed (double* b = beam)
        fixed (int* l = lin)
        fixed (double* f = flux)
        {
            double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
            int k = 0;
            for (; k <= n - 2; k += 2)
            {
                double f0 = f[k], f1 = f[k + 1];
                int l0 = l[k], l1 = l[k + 1];
                a0 += f0 * b[originA - l0];
                b0 += f0 * b[originB - l0];
                a1 += f1 * b[originA - l1];
                b1 += f1 * b[originB - l1];
            }

            if (k < n)
            {
                a0 += f[k] * b[originA - l[k]];
                b0 += f[k] * b[originB - l[k]];
            }

            return (a0 + a1, b0 + b1);
        }
    }

    /// <summary>The reference: a plain loop.</summary>
    public static double Scalar(ReadOnlySpan<double> beam, int origin, ReadOnlySpan<int> lin, ReadOnlySpan<double> flux)
    {
        double sum = 0;
        for (int k = 0; k < lin.Length; k++)
        {
            sum += flux[k] * beam[origin - lin[k]];
        }

        return sum;
    }


    // Thrown from a helper so that the kernels, inlined into every Δ log L, carry no exception-building code.
    [DoesNotReturn]
    private static void ThrowFluxShorterThanLin() => throw new ArgumentException("flux is shorter than lin", "flux");
}

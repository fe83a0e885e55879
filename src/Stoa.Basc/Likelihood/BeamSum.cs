using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Stoa.Basc.Likelihood;

/// <summary>
/// The inner loop of the likelihood: Σ_k f_k · b[origin − lin_k], the beam-weighted flux seen at one pixel from a set
/// of sources whose linear pixel indices are <c>lin</c>. Every proposal and the full evaluation reduce to this sum.
/// </summary>
/// <remarks>
/// The beam values sit at scattered addresses, so the win is a hardware gather: with AVX2 four doubles are fetched per
/// instruction through 32-bit indices (origin − lin_k computed four at a time), multiplied and accumulated in two
/// independent registers to hide the gather latency. TensorPrimitives has no gather, hence the intrinsics here; the
/// scalar loop is both the fallback and the reference the tests compare against.
/// </remarks>
internal static class BeamSum
{
    /// <summary>Σ_k f[k] · beam[origin − lin[k]] over k &lt; lin.Length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Compute(ReadOnlySpan<double> beam, int origin, ReadOnlySpan<int> lin, ReadOnlySpan<double> flux)
    {
        if (Avx2.IsSupported && lin.Length >= 8)
        {
            return Gathered(beam, origin, lin, flux);
        }

        return Scalar(beam, origin, lin, flux);
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

    /// <summary>The AVX2 gather path; callers check <see cref="Avx2.IsSupported"/>. Indices must lie inside <paramref name="beam"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe double Gathered(ReadOnlySpan<double> beam, int origin, ReadOnlySpan<int> lin, ReadOnlySpan<double> flux)
    {
        int n = lin.Length;
        if (flux.Length < n)
        {
            throw new ArgumentException("flux is shorter than lin", nameof(flux));
        }

        fixed (double* b = beam)
        fixed (int* l = lin)
        fixed (double* f = flux)
        {
            var o = Vector128.Create(origin);
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            int k = 0;
            for (; k <= n - 8; k += 8)
            {
                var i0 = Sse2.Subtract(o, Sse2.LoadVector128(l + k));
                var i1 = Sse2.Subtract(o, Sse2.LoadVector128(l + k + 4));
                var g0 = Avx2.GatherVector256(b, i0, 8);
                var g1 = Avx2.GatherVector256(b, i1, 8);
                acc0 = Fma.IsSupported ? Fma.MultiplyAdd(g0, Avx.LoadVector256(f + k), acc0) : Avx.Add(acc0, Avx.Multiply(g0, Avx.LoadVector256(f + k)));
                acc1 = Fma.IsSupported ? Fma.MultiplyAdd(g1, Avx.LoadVector256(f + k + 4), acc1) : Avx.Add(acc1, Avx.Multiply(g1, Avx.LoadVector256(f + k + 4)));
            }

            if (k <= n - 4)
            {
                var i0 = Sse2.Subtract(o, Sse2.LoadVector128(l + k));
                var g0 = Avx2.GatherVector256(b, i0, 8);
                acc0 = Fma.IsSupported ? Fma.MultiplyAdd(g0, Avx.LoadVector256(f + k), acc0) : Avx.Add(acc0, Avx.Multiply(g0, Avx.LoadVector256(f + k)));
                k += 4;
            }

            double sum = Vector256.Sum(Avx.Add(acc0, acc1));
            for (; k < n; k++)
            {
                sum += f[k] * b[origin - l[k]];
            }

            return sum;
        }
    }
}

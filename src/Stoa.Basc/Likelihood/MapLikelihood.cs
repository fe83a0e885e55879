using System.Runtime.CompilerServices;
namespace Stoa.Basc.Likelihood;

/// <summary>
/// The BaSC log-likelihood of a set of point sources, evaluated on the dirty map:
/// log L = ( Σ_i f_i D(x_i) − ½ Σ_i Σ_k f_i f_k B(c + x_i − x_k) ) / σ²,
/// exact (up to a constant) for natural-weighted visibilities with Gaussian noise.
/// </summary>
/// <remarks>
/// Sources are addressed by their linear pixel index <c>lin = y·M + x</c> in the full M × M map, so a beam offset is
/// <c>c + lin_i − lin_k</c> with <c>c = (M/2)·M + M/2</c> — one subtraction, no 2-D arithmetic in the hot loop. D and B
/// are stored pre-divided by σ². B is symmetrised (B(c+d) and B(c−d) averaged) so that the half-sum used by the full
/// evaluation and the one-sided sums of the incremental updates are the same function even for a slightly asymmetric
/// measured PSF; for a PSF computed from visibilities the two are already equal. Every method is allocation-free;
/// callers must keep positions inside the searched square, where every offset lies inside the beam array.
/// </remarks>
internal sealed class MapLikelihood
{
    private readonly double[] _data;
    private readonly double[] _beam;
    private readonly double[] _primaryBeam;

    /// <summary>Builds the likelihood for an M × M map, PSF and primary beam (row-major, all length M²).</summary>
    /// <param name="size">M.</param>
    /// <param name="map">Dirty map D (Jy/beam).</param>
    /// <param name="psf">Dirty beam B, peak 1 at (M/2, M/2).</param>
    /// <param name="primaryBeam">Primary-beam gain P (NaN already replaced by 0), or <see langword="null"/> for all ones.</param>
    /// <param name="sigma">Map-plane noise σ (Jy/beam).</param>
    public MapLikelihood(int size, ReadOnlySpan<double> map, ReadOnlySpan<double> psf, ReadOnlySpan<double> primaryBeam, double sigma)
    {
        if (map.Length != size * size || psf.Length != size * size || (!primaryBeam.IsEmpty && primaryBeam.Length != size * size))
        {
            throw new ArgumentException("map, PSF and primary beam must all be M × M");
        }

        if (!(sigma > 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be positive and finite");
        }

        Size = size;
        Sigma = sigma;
        Centre = ((size / 2) * size) + (size / 2);
        double inv = 1.0 / (sigma * sigma);
        _data = new double[map.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(map, inv, _data);
        _beam = new double[psf.Length];
        int c = size / 2;
        for (int y = 0; y < size; y++)
        {
            int my = (2 * c) - y;
            for (int x = 0; x < size; x++)
            {
                int mx = (2 * c) - x;
                double v = psf[(y * size) + x];
                if (my >= 0 && my < size && mx >= 0 && mx < size)
                {
                    v = 0.5 * (v + psf[(my * size) + mx]);
                }

                _beam[(y * size) + x] = v * inv;
            }
        }

        _primaryBeam = new double[map.Length];
        if (primaryBeam.IsEmpty)
        {
            _primaryBeam.AsSpan().Fill(1.0);
        }
        else
        {
            primaryBeam.CopyTo(_primaryBeam);
        }

        BeamAtZero = _beam[Centre];
        SearchOffset = size / 4;
        SearchSize = size / 2;
    }

    /// <summary>M, the side of the map and the PSF.</summary>
    public int Size { get; }

    /// <summary>σ (Jy/beam).</summary>
    public double Sigma { get; }

    /// <summary>Linear index of the PSF centre (M/2, M/2).</summary>
    public int Centre { get; }

    /// <summary>B(0)/σ².</summary>
    public double BeamAtZero { get; }

    /// <summary>First pixel (in x and y) of the searched square.</summary>
    public int SearchOffset { get; }

    /// <summary>Side N of the searched square.</summary>
    public int SearchSize { get; }

    /// <summary>D/σ² at a linear pixel index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Data(int lin) => _data[lin];

    /// <summary>Primary-beam gain at a linear pixel index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double PrimaryBeam(int lin) => _primaryBeam[lin];

    /// <summary>B/σ² (symmetrised) at offset <paramref name="delta"/> = lin_i − lin_k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Beam(int delta) => _beam[Centre + delta];

    /// <summary>Σ_k f_k B(c + lin − lin_k)/σ²: what the sources in <paramref name="lin"/>/<paramref name="flux"/> put at <paramref name="lin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double BeamSum(int lin, ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
        => BeamSum(Centre + lin, lins, flux, _beam);

    /// <summary>The full O(K²) evaluation for apparent fluxes <paramref name="flux"/> at <paramref name="lins"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Full(ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
    {
        double b0 = BeamAtZero;
        double total = 0;
        for (int i = 0; i < lins.Length; i++)
        {
            double fi = flux[i];
            double cross = BeamSum(Centre + lins[i], lins[(i + 1)..], flux[(i + 1)..], _beam);
            total += fi * (_data[lins[i]] - (0.5 * fi * b0) - cross);
        }

        return total;
    }

    /// <summary>The full evaluation with the scalar kernel only: the reference for the SIMD path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double FullScalar(ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
    {
        double total = 0;
        for (int i = 0; i < lins.Length; i++)
        {
            for (int k = 0; k < lins.Length; k++)
            {
                total -= 0.5 * flux[i] * flux[k] * _beam[Centre + lins[i] - lins[k]];
            }

            total += flux[i] * _data[lins[i]];
        }

        return total;
    }

    /// <summary>Δ log L for adding a source of apparent flux <paramref name="f"/> at <paramref name="lin"/> to the current set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double DeltaBirth(int lin, double f, ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
    {
        double s = BeamSum(lin, lins, flux);
        return f * (_data[lin] - s - (0.5 * f * BeamAtZero));
    }

    /// <summary>Δ log L for removing source <paramref name="j"/> from the current set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double DeltaDeath(int j, ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
    {
        double f = flux[j];
        double sAll = BeamSum(lins[j], lins, flux);
        return -f * (_data[lins[j]] - sAll + (0.5 * f * BeamAtZero));
    }

    /// <summary>Δ log L for moving source <paramref name="j"/> to <paramref name="newLin"/> with new apparent flux <paramref name="newF"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double DeltaMove(int j, int newLin, double newF, ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
    {
        double f = flux[j];
        int oldLin = lins[j];
        double b0 = BeamAtZero;
        double sOld, sNew;
        if (newLin == oldLin)
        {
            sOld = sNew = BeamSum(oldLin, lins, flux) - (f * b0);
        }
        else
        {
            var (atOld, atNew) = Stoa.Basc.Likelihood.BeamSum.ComputePair(_beam, Centre + oldLin, Centre + newLin, lins, flux);
            sOld = atOld - (f * b0);
            sNew = atNew - (f * _beam[Centre + newLin - oldLin]);
        }

        return (newF * (_data[newLin] - sNew - (0.5 * newF * b0))) - (f * (_data[oldLin] - sOld - (0.5 * f * b0)));
    }

    /// <summary>
    /// What the other sources (all but <paramref name="j"/>; pass −1 for none excluded) put at <paramref name="lin"/>, in units of D/σ².
    /// Used to form the conditional distribution of a source's flux.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double OthersAt(int lin, int j, ReadOnlySpan<int> lins, ReadOnlySpan<double> flux)
    {
        double s = BeamSum(lin, lins, flux);
        if (j >= 0)
        {
            s -= flux[j] * _beam[Centre + lin - lins[j]];
        }

        return s;
    }

    private static double BeamSum(int origin, ReadOnlySpan<int> lins, ReadOnlySpan<double> flux, double[] beam)
        => Stoa.Basc.Likelihood.BeamSum.Compute(beam, origin, lins, flux);
}

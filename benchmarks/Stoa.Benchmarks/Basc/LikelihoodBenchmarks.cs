using BenchmarkDotNet.Attributes;
using Stoa.Basc.Likelihood;

namespace Stoa.Benchmarks.Basc;

/// <summary>
/// The likelihood hot loop: a full evaluation and the incremental Δ log L of a birth and of a move (the sampler's
/// common proposals), for K sources on an M × M PSF. Baseline: the original's per-proposal full rebuild.
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*LikelihoodBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LikelihoodBenchmarks
{
    private MapLikelihood _like = null!;
    private OriginalStyleLikelihood _original = null!;
    private int[] _lin = [];
    private double[] _flux = [];
    private int[] _xs = [];
    private int[] _ys = [];
    private int _newLin;
    private int _moved;

    [Params(256, 1024, 4096)]
    public int Psf { get; set; }

    [Params(1, 2, 5, 10, 20, 50, 100)]
    public int Sources { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int m = Psf;
        var rng = new Random(12345);
        var map = new double[m * m];
        var psf = new double[m * m];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = rng.NextDouble() - 0.5;
            psf[i] = rng.NextDouble() - 0.5;
        }

        psf[((m / 2) * m) + (m / 2)] = 1.0;
        _like = new MapLikelihood(m, map, psf, [], 1.0);
        _original = new OriginalStyleLikelihood(m, map, psf, 1.0);
        int k = Sources;
        _lin = new int[k];
        _flux = new double[k];
        _xs = new int[k];
        _ys = new int[k];
        for (int i = 0; i < k; i++)
        {
            _xs[i] = (m / 4) + rng.Next(m / 2);
            _ys[i] = (m / 4) + rng.Next(m / 2);
            _lin[i] = (_ys[i] * m) + _xs[i];
            _flux[i] = rng.NextDouble();
        }

        _newLin = (((m / 4) + rng.Next(m / 2)) * m) + (m / 4) + rng.Next(m / 2);
        _moved = k / 2;
    }

    [Benchmark(Baseline = true, Description = "original-style full rebuild")]
    public double OriginalStyle() => _original.Evaluate(_xs, _ys, _flux);

    [Benchmark(Description = "full")]
    public double Full() => _like.Full(_lin, _flux);

    [Benchmark(Description = "Δ birth")]
    public double Birth() => _like.DeltaBirth(_newLin, 0.7, _lin, _flux);

    [Benchmark(Description = "Δ move")]
    public double Move() => _like.DeltaMove(_moved, _newLin, 0.7, _lin, _flux);
}

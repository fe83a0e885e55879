using BenchmarkDotNet.Attributes;
using Stoa.Basc.Likelihood;

namespace Stoa.Benchmarks.Basc;

/// <summary>
/// The likelihood hot loop: a full evaluation and the incremental Δ log L of a birth and of a move (the sampler's
/// common proposals), for K sources on an M × M PSF. Baseline: the original's per-proposal full rebuild.
/// Each call takes the next of 64 random source configurations, so the beam lines it touches are not all sitting in
/// cache from the previous call (in a run, positions move): on the 4096² PSF the 64 × K² offsets span far more than L3.
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*LikelihoodBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LikelihoodBenchmarks
{
    private const int Configurations = 64;
    private MapLikelihood _like = null!;
    private OriginalStyleLikelihood _original = null!;
    private int[][] _lin = [];
    private double[][] _flux = [];
    private int[][] _xs = [];
    private int[][] _ys = [];
    private int[] _newLin = [];
    private int _moved;
    private int _next;

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
        _lin = new int[Configurations][];
        _flux = new double[Configurations][];
        _xs = new int[Configurations][];
        _ys = new int[Configurations][];
        _newLin = new int[Configurations];
        for (int c = 0; c < Configurations; c++)
        {
            _lin[c] = new int[k];
            _flux[c] = new double[k];
            _xs[c] = new int[k];
            _ys[c] = new int[k];
            for (int i = 0; i < k; i++)
            {
                _xs[c][i] = (m / 4) + rng.Next(m / 2);
                _ys[c][i] = (m / 4) + rng.Next(m / 2);
                _lin[c][i] = (_ys[c][i] * m) + _xs[c][i];
                _flux[c][i] = rng.NextDouble();
            }

            _newLin[c] = (((m / 4) + rng.Next(m / 2)) * m) + (m / 4) + rng.Next(m / 2);
        }

        _moved = k / 2;
    }

    private int Next() => _next = (_next + 1) & (Configurations - 1);

    [Benchmark(Baseline = true, Description = "original-style full rebuild")]
    public double OriginalStyle()
    {
        int c = Next();
        return _original.Evaluate(_xs[c], _ys[c], _flux[c]);
    }

    [Benchmark(Description = "full")]
    public double Full()
    {
        int c = Next();
        return _like.Full(_lin[c], _flux[c]);
    }

    [Benchmark(Description = "Δ birth")]
    public double Birth()
    {
        int c = Next();
        return _like.DeltaBirth(_newLin[c], 0.7, _lin[c], _flux[c]);
    }

    [Benchmark(Description = "Δ move")]
    public double Move()
    {
        int c = Next();
        return _like.DeltaMove(_moved, _newLin[c], 0.7, _lin[c], _flux[c]);
    }
}

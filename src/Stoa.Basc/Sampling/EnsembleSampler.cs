using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Stoa.Basc.Likelihood;

namespace Stoa.Basc.Sampling;

/// <summary>What the sampler hands back: the full chain and the diagnostics of the run.</summary>
internal sealed record SamplerOutput(
    List<ChainRow> Chain,
    List<ChainSample> Samples,
    List<AnnealingStep> Schedule,
    double LogEvidence,
    long Evaluations,
    long Accepted,
    TimeSpan AnnealingTime,
    TimeSpan SamplingTime);

/// <summary>
/// Annealed ensemble reversible-jump MCMC. The walkers start from the prior (β = 0). At each step β rises by the
/// largest Δβ that keeps the effective sample size of the importance weights exp(Δβ log L) at exp(−Rate) of the
/// ensemble, and by at most a factor 1 + 2·Rate; the ensemble is resampled by those weights (systematic resampling) and each walker then makes
/// <c>ProposalsPerSweep</c> transitions at the new β. Once β = 1 the walkers make <c>BurnInSweeps</c> unrecorded sweeps,
/// then every walker records a sample after each sweep.
/// </summary>
/// <remarks>
/// log Z = ∫₀¹ ⟨log L⟩_β dβ (thermodynamic integration). The integrand is steep near β = 0, where the heavy-tailed
/// flux prior makes ⟨log L⟩ hugely negative, so a trapezium over the schedule is badly biased; instead each interval's
/// integral ∫_β^{β+Δβ} ⟨log L⟩_b db = log ⟨exp(Δβ log L)⟩_β is estimated by importance sampling from the ensemble at β
/// — the same weights that drive the resampling. Each walker owns its
/// generator (stream = walker index) and resampling uses a separate master stream, so the result depends on the seed
/// only, never on <c>Threads</c> or scheduling. The walkers' log L is rebuilt from scratch after every sweep so
/// rounding in the incremental updates cannot accumulate.
/// </remarks>
internal sealed class EnsembleSampler
{
    private readonly MapLikelihood _like;
    private readonly Priors _priors;
    private readonly SourceFinderOptions _options;
    private readonly MoveKernel _kernel;
    private readonly PositionProposal _positions;
    private readonly ILogger _logger;

    public EnsembleSampler(MapLikelihood likelihood, Priors priors, PositionProposal positions, SourceFinderOptions options, ILogger logger, double stepScale = 1)
    {
        _logger = logger;
        _like = likelihood;
        _priors = priors;
        _options = options;
        _kernel = new MoveKernel(likelihood, priors, positions, stepScale);
        _positions = positions;
    }

    public SamplerOutput Run(IProgress<SourceFinderProgress>? progress, CancellationToken cancellationToken)
    {
        int e = _options.EnsembleSize;
        int capacity = _priors.MaxAtoms + 1;
        var master = new Xoshiro256(_options.Seed, -1);
        var walkers = new Walker[e];
        var spare = new Walker[e];
        for (int i = 0; i < e; i++)
        {
            walkers[i] = new Walker(capacity, new Xoshiro256(_options.Seed, i));
            spare[i] = new Walker(capacity, walkers[i].Rng);
            InitialiseFromPrior(walkers[i]);
        }

        var schedule = new List<AnnealingStep>();
        var logL = new double[e];
        double beta = 0;
        double logZ = 0;
        var clock = Stopwatch.StartNew();
        int steps = 0;
        SourceFinderLog.PhaseStarted(_logger, SamplerPhase.Annealing, e, _options.Samples);
        while (beta < 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++steps > _options.MaxAnnealingSteps)
            {
                throw new InvalidOperationException($"annealing did not reach β = 1 in {_options.MaxAnnealingSteps} steps (β = {beta:G4}); raise Rate or MaxAnnealingSteps");
            }

            for (int i = 0; i < e; i++)
            {
                logL[i] = walkers[i].LogL;
            }

            double dBeta = NextIncrement(logL, beta);
            logZ += LogMeanWeight(logL, dBeta);
            Resample(walkers, spare, logL, dBeta, master);
            (walkers, spare) = (spare, walkers);
            beta = Math.Min(1.0, beta + dBeta);
            if (1 - beta < 1e-12)
            {
                beta = 1.0;
            }

            AdvanceAll(walkers, beta, cancellationToken);
            double mean = MeanLogL(walkers);
            schedule.Add(new AnnealingStep(beta, mean));
            progress?.Report(new SourceFinderProgress(SamplerPhase.Annealing, beta, 0, _options.Samples, Evaluations(walkers, spare)));
        }

        var annealing = clock.Elapsed;
        SourceFinderLog.AnnealingEnded(_logger, SamplerPhase.Annealing, steps, logZ, Evaluations(walkers, spare), annealing);
        clock.Restart();
        SourceFinderLog.PhaseStarted(_logger, SamplerPhase.Sampling, e, _options.Samples);
        for (int sweep = 0; sweep < _options.BurnInSweeps; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AdvanceAll(walkers, 1.0, cancellationToken);
        }

        var chain = new List<ChainRow>();
        var samples = new List<ChainSample>(_options.Samples);
        while (samples.Count < _options.Samples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AdvanceAll(walkers, 1.0, cancellationToken);
            for (int i = 0; i < e && samples.Count < _options.Samples; i++)
            {
                Record(walkers[i], i, samples, chain);
            }

            progress?.Report(new SourceFinderProgress(SamplerPhase.Sampling, 1.0, samples.Count, _options.Samples, Evaluations(walkers, spare)));
        }

        long accepted = 0;
        for (int i = 0; i < e; i++)
        {
            accepted += walkers[i].Accepted + spare[i].Accepted;
        }

        var sampling = clock.Elapsed;
        SourceFinderLog.SamplingEnded(_logger, SamplerPhase.Sampling, samples.Count, _options.BurnInSweeps, Evaluations(walkers, spare), sampling);
        return new SamplerOutput(chain, samples, schedule, logZ, Evaluations(walkers, spare), accepted, annealing, sampling);
    }

    /// <summary>Counters live on the walker objects, which swap roles at every resampling: count both sets.</summary>
    private static long Evaluations(Walker[] walkers, Walker[] spare)
    {
        long n = 0;
        for (int i = 0; i < walkers.Length; i++)
        {
            n += walkers[i].Evaluations + spare[i].Evaluations;
        }

        return n;
    }

    private static double MeanLogL(Walker[] walkers)
    {
        double s = 0;
        foreach (var w in walkers)
        {
            s += w.LogL;
        }

        return s / walkers.Length;
    }

    private void Record(Walker w, int walker, List<ChainSample> samples, List<ChainRow> chain)
    {
        int index = samples.Count;
        samples.Add(new ChainSample(index, walker, w.Count, w.LogL));
        for (int j = 0; j < w.Count; j++)
        {
            chain.Add(new ChainRow(index, w.X[j], w.Y[j], w.Flux[j], w.LogL));
        }
    }

    private void InitialiseFromPrior(Walker w)
    {
        int k = _priors.DrawCount(w.Rng);
        for (int j = 0; j < k; j++)
        {
            double x, y;
            int lin;
            do
            {
                // Uniform over the searched square less blanked pixels: draw and reject.
                x = _priors.DrawCoordinate(w.Rng);
                y = _priors.DrawCoordinate(w.Rng);
                lin = ((int)y * _like.Size) + (int)x;
            }
            while (!_positions.Allows(lin));

            double flux = _priors.DrawFlux(w.Rng);
            w.Add(x, y, flux, flux * _like.PrimaryBeam(lin), lin);
        }

        w.LogL = _like.Full(w.ActiveLin, w.ActiveApparent);
    }

    private void AdvanceAll(Walker[] walkers, double beta, CancellationToken cancellationToken)
    {
        int proposals = _options.ProposalsPerSweep;
        if (_options.Threads > 1)
        {
            var po = new ParallelOptions { MaxDegreeOfParallelism = _options.Threads, CancellationToken = cancellationToken };
            Parallel.For(0, walkers.Length, po, i => Sweep(walkers[i], beta, proposals));
        }
        else
        {
            foreach (var w in walkers)
            {
                Sweep(w, beta, proposals);
            }
        }
    }

    private void Sweep(Walker w, double beta, int proposals)
    {
        _kernel.Advance(w, beta, proposals);
        w.LogL = _like.Full(w.ActiveLin, w.ActiveApparent);
    }

    /// <summary>First inverse temperature: a source of S/N 1000 (log L ≈ 5·10⁵) is still a gentle tilt of the prior there.</summary>
    internal const double InitialBeta = 1e-6;

    /// <summary>
    /// The largest Δβ whose weights keep ESS/E ≥ exp(−Rate), by bisection on log Δβ, and at most 2·Rate·β (β grows by at
    /// most a factor 1 + 2·Rate per step, from <see cref="InitialBeta"/>). The cap matters: the ESS is measured on the
    /// current ensemble, which cannot know about the bright sources that only walkers at higher β will find, and without it
    /// a field whose prior draws all look alike would jump from β = 0 to 1 in one step.
    /// </summary>
    private double NextIncrement(double[] logL, double beta)
    {
        double target = Math.Exp(-_options.Rate);
        double max = Math.Min(1 - beta, beta == 0 ? InitialBeta : 2 * _options.Rate * beta);
        if (EssFraction(logL, max) >= target)
        {
            return max;
        }

        double lo = Math.Log(1e-300);
        double hi = Math.Log(max);
        for (int it = 0; it < 100; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (EssFraction(logL, Math.Exp(mid)) >= target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Exp(lo);
    }

    /// <summary>log of the ensemble mean of exp(Δβ log L), computed stably.</summary>
    private static double LogMeanWeight(double[] logL, double dBeta)
    {
        double max = double.NegativeInfinity;
        foreach (double l in logL)
        {
            max = Math.Max(max, dBeta * l);
        }

        double s = 0;
        foreach (double l in logL)
        {
            s += Math.Exp((dBeta * l) - max);
        }

        return max + Math.Log(s / logL.Length);
    }

    private static double EssFraction(double[] logL, double dBeta)
    {
        double max = double.NegativeInfinity;
        foreach (double l in logL)
        {
            max = Math.Max(max, dBeta * l);
        }

        double s = 0;
        double s2 = 0;
        foreach (double l in logL)
        {
            double w = Math.Exp((dBeta * l) - max);
            s += w;
            s2 += w * w;
        }

        return s * s / s2 / logL.Length;
    }

    /// <summary>Systematic resampling of <paramref name="from"/> into <paramref name="to"/> with weights exp(Δβ log L).</summary>
    private static void Resample(Walker[] from, Walker[] to, double[] logL, double dBeta, Xoshiro256 master)
    {
        int e = from.Length;
        double max = double.NegativeInfinity;
        foreach (double l in logL)
        {
            max = Math.Max(max, dBeta * l);
        }

        var cumulative = new double[e];
        double total = 0;
        for (int i = 0; i < e; i++)
        {
            total += Math.Exp((dBeta * logL[i]) - max);
            cumulative[i] = total;
        }

        double u = master.NextDouble() * total / e;
        int src = 0;
        for (int i = 0; i < e; i++)
        {
            double point = u + (i * total / e);
            while (src < e - 1 && cumulative[src] <= point)
            {
                src++;
            }

            to[i].CopyModelFrom(from[src]);
        }
    }
}

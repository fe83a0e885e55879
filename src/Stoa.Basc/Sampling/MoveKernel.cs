using System.Runtime.CompilerServices;
using Stoa.Basc.Likelihood;

namespace Stoa.Basc.Sampling;

/// <summary>
/// Reversible-jump Metropolis–Hastings transitions for one walker at inverse temperature β, targeting
/// L^β × prior. Every proposal costs O(K) through the incremental likelihood; nothing is allocated.
/// </summary>
/// <remarks>
/// Moves, with their probabilities:
/// birth (¼ × ½) — position from <see cref="PositionProposal"/>, flux from <see cref="FluxProposal"/>; death (¼ × ½) —
/// a uniformly chosen source, the exact reverse of birth; flux refresh (¼) — an independence proposal from <see cref="FluxProposal"/>;
/// local walk (⅙) — a Gaussian step of 0.5, 2 or 6 pixels with the flux kept; local walk with flux refresh (⅙);
/// jump (1/12) — a source moved to a position from <see cref="PositionProposal"/> with a fresh flux, which lets a source
/// hop between peaks. Births append and deaths swap-remove: the target is exchangeable in the sources, so with a uniform
/// death choice the acceptance ratio of a birth is L^β ratio × π(K+1)/π(K) × p(F)/q(F) × p(x)/q(x).
/// </remarks>
internal sealed class MoveKernel
{
    private readonly double[] _stepSizes;
    private readonly MapLikelihood _like;
    private readonly Priors _priors;
    private readonly int _size;
    private readonly PositionProposal _positions;

    /// <param name="likelihood">The likelihood on the (possibly oversampled) grid.</param>
    /// <param name="priors">The priors.</param>
    /// <param name="positions">Where births and jumps put sources.</param>
    /// <param name="stepScale">Grid pixels per input pixel (the oversampling factor): random-walk steps are 0.5, 2 and 6 input pixels.</param>
    public MoveKernel(MapLikelihood likelihood, Priors priors, PositionProposal positions, double stepScale = 1)
    {
        _stepSizes = [0.5 * stepScale, 2.0 * stepScale, 6.0 * stepScale];
        _like = likelihood;
        _priors = priors;
        _size = likelihood.Size;
        _positions = positions;
    }

    /// <summary>Makes <paramref name="proposals"/> transitions of <paramref name="w"/> at <paramref name="beta"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(Walker w, double beta, int proposals)
    {
        for (int p = 0; p < proposals; p++)
        {
            double u = w.Rng.NextDouble();
            bool accepted;
            if (u < 0.125)
            {
                accepted = Birth(w, beta);
            }
            else if (u < 0.25)
            {
                accepted = Death(w, beta);
            }
            else if (w.Count == 0)
            {
                accepted = false;
            }
            else if (u < 0.5)
            {
                accepted = RefreshFlux(w, beta);
            }
            else if (u < 2.0 / 3.0)
            {
                accepted = Walk(w, beta, refreshFlux: false);
            }
            else if (u < 5.0 / 6.0)
            {
                accepted = Walk(w, beta, refreshFlux: true);
            }
            else
            {
                accepted = Jump(w, beta);
            }

            w.Evaluations++;
            if (accepted)
            {
                w.Accepted++;
            }
        }
    }

    private int LinOf(double x, double y) => ((int)y * _size) + (int)x;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Accept(Walker w, double logAlpha) => logAlpha >= 0 || Math.Log(w.Rng.NextOpen()) < logAlpha;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Birth(Walker w, double beta)
    {
        int k = w.Count;
        if (k >= _priors.MaxAtoms)
        {
            return false;
        }

        var (x, y) = _positions.Draw(w.Rng);
        int lin = LinOf(x, y);
        double gain = _like.PrimaryBeam(lin);
        double b0 = _like.BeamAtZero;
        double residual = _like.Data(lin) - _like.BeamSum(lin, w.ActiveLin, w.ActiveApparent);
        var q = new FluxProposal(residual, gain, b0, beta);
        double flux = q.Draw(w.Rng, _priors);
        double f = flux * gain;
        double delta = f * (residual - (0.5 * f * b0));
        double logAlpha = (beta * delta) + _priors.LogCountRatioUp(k) - q.LogRatioToPrior(flux, _priors) + _positions.LogPriorOverProposal(lin);
        if (!Accept(w, logAlpha))
        {
            return false;
        }

        w.Add(x, y, flux, f, lin);
        w.LogL += delta;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Death(Walker w, double beta)
    {
        int k = w.Count;
        if (k <= _priors.MinAtoms || k == 0)
        {
            return false;
        }

        int j = w.Rng.NextInt(k);
        int lin = w.Lin[j];
        double f = w.Apparent[j];
        double b0 = _like.BeamAtZero;
        double residual = _like.Data(lin) - _like.OthersAt(lin, j, w.ActiveLin, w.ActiveApparent);
        var q = new FluxProposal(residual, _like.PrimaryBeam(lin), b0, beta);
        double delta = -f * (residual - (0.5 * f * b0));
        double logAlpha = (beta * delta) - _priors.LogCountRatioUp(k - 1) + q.LogRatioToPrior(w.Flux[j], _priors) - _positions.LogPriorOverProposal(lin);
        if (!Accept(w, logAlpha))
        {
            return false;
        }

        w.RemoveAt(j);
        w.LogL += delta;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RefreshFlux(Walker w, double beta)
    {
        int j = w.Rng.NextInt(w.Count);
        int lin = w.Lin[j];
        double gain = _like.PrimaryBeam(lin);
        double b0 = _like.BeamAtZero;
        double residual = _like.Data(lin) - _like.OthersAt(lin, j, w.ActiveLin, w.ActiveApparent);
        var q = new FluxProposal(residual, gain, b0, beta);
        double oldFlux = w.Flux[j];
        double newFlux = q.Draw(w.Rng, _priors);
        double f = w.Apparent[j];
        double g = newFlux * gain;
        double delta = ((g - f) * residual) - (0.5 * ((g * g) - (f * f)) * b0);
        double logAlpha = (beta * delta) - q.LogRatioToPrior(newFlux, _priors) + q.LogRatioToPrior(oldFlux, _priors);
        if (!Accept(w, logAlpha))
        {
            return false;
        }

        w.Flux[j] = newFlux;
        w.Apparent[j] = g;
        w.LogL += delta;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Walk(Walker w, double beta, bool refreshFlux)
    {
        int j = w.Rng.NextInt(w.Count);
        double step = _stepSizes[w.Rng.NextInt(_stepSizes.Length)];
        double x = w.X[j] + (step * w.Rng.NextGaussian());
        double y = w.Y[j] + (step * w.Rng.NextGaussian());
        if (!_priors.Inside(x) || !_priors.Inside(y) || !_positions.Allows(LinOf(x, y)))
        {
            return false;
        }

        return Relocate(w, j, x, y, beta, refreshFlux, 0.0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Jump(Walker w, double beta)
    {
        int j = w.Rng.NextInt(w.Count);
        var (x, y) = _positions.Draw(w.Rng);

        // An independence proposal for the position: q(old)/q(new) = [p/q](new) / [p/q](old) with the uniform prior.
        double logPosition = _positions.LogPriorOverProposal(LinOf(x, y)) - _positions.LogPriorOverProposal(w.Lin[j]);
        return Relocate(w, j, x, y, beta, refreshFlux: true, logPosition);
    }

    /// <summary>Proposes source <paramref name="j"/> at (x, y), its flux kept or redrawn from the conditional proposal there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Relocate(Walker w, int j, double x, double y, double beta, bool refreshFlux, double logPosition)
    {
        int oldLin = w.Lin[j];
        int newLin = LinOf(x, y);
        double b0 = _like.BeamAtZero;
        double f = w.Apparent[j];
        double oldFlux = w.Flux[j];
        double oldResidual = _like.Data(oldLin) - _like.OthersAt(oldLin, j, w.ActiveLin, w.ActiveApparent);
        double newResidual = newLin == oldLin
            ? oldResidual
            : _like.Data(newLin) - _like.OthersAt(newLin, j, w.ActiveLin, w.ActiveApparent);
        double newGain = _like.PrimaryBeam(newLin);
        double newFlux = oldFlux;
        double logProposal = logPosition;
        if (refreshFlux)
        {
            var qNew = new FluxProposal(newResidual, newGain, b0, beta);
            var qOld = new FluxProposal(oldResidual, _like.PrimaryBeam(oldLin), b0, beta);
            newFlux = qNew.Draw(w.Rng, _priors);
            logProposal += qOld.LogRatioToPrior(oldFlux, _priors) - qNew.LogRatioToPrior(newFlux, _priors);
        }

        double g = newFlux * newGain;
        double delta = (g * (newResidual - (0.5 * g * b0))) - (f * (oldResidual - (0.5 * f * b0)));
        double logAlpha = (beta * delta) + logProposal;
        if (!Accept(w, logAlpha))
        {
            return false;
        }

        w.Set(j, x, y, newFlux, g, newLin);
        w.LogL += delta;
        return true;
    }
}

namespace Stoa.Basc;

/// <summary>How σ is estimated from the map when <see cref="SourceFinderOptions.Noise"/> is not given.</summary>
public enum NoiseMethod
{
    /// <summary>The original BaSC estimator (2-s clipped, primary-beam weighted rms); reads ≈ 0.88 σ on white noise. The default.</summary>
    Compatible = 0,

    /// <summary>1.4826 × the median absolute deviation of the searched square: unbiased for Gaussian noise.</summary>
    Robust = 1,
}

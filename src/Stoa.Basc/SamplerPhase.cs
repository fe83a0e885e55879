namespace Stoa.Basc;

/// <summary>The two phases of a run.</summary>
public enum SamplerPhase
{
    /// <summary>β rising from 0 to 1.</summary>
    Annealing = 0,

    /// <summary>Recording posterior samples at β = 1.</summary>
    Sampling = 1,
}

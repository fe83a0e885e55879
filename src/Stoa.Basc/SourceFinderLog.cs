using Microsoft.Extensions.Logging;

namespace Stoa.Basc;

/// <summary>
/// What a run writes to its logger (<see cref="SourceFinderOptions.LoggerFactory"/>, category <c>Stoa.Basc</c>), one
/// event id each. Only phase boundaries are logged: never the likelihood loop or a single annealing step.
/// </summary>
internal static partial class SourceFinderLog
{
    /// <summary>The category every BaSC message is logged under.</summary>
    public const string Category = "Stoa.Basc";

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "map {Width}×{Height} px, noise σ {Sigma:G4} Jy/beam, search area {Area}, oversampling {Oversample}")]
    public static partial void Prepared(ILogger logger, int width, int height, double sigma, SearchArea area, int oversample);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Phase} started: {Walkers} walkers, {Samples} samples wanted")]
    public static partial void PhaseStarted(ILogger logger, SamplerPhase phase, int walkers, int samples);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Phase} done: β = 1 after {Steps} step(s), log Z {LogEvidence:G6}, {Evaluations} likelihood evaluations, in {Duration}")]
    public static partial void AnnealingEnded(ILogger logger, SamplerPhase phase, int steps, double logEvidence, long evaluations, TimeSpan duration);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Phase} done: {Samples} samples after {BurnIn} burn-in sweep(s), {Evaluations} likelihood evaluations in all, in {Duration}")]
    public static partial void SamplingEnded(ILogger logger, SamplerPhase phase, int samples, int burnIn, long evaluations, TimeSpan duration);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "catalogue: {Sources} source(s) from {Samples} samples ({ChainRows} chain rows), run took {Duration}")]
    public static partial void CatalogueBuilt(ILogger logger, int sources, int samples, int chainRows, TimeSpan duration);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void InputWarning(ILogger logger, string warning);
}

using Stoa.Cwl;

namespace Stoa.Provenance;

/// <summary>CWLProv provenance of Stoa.Cwl runs, and research objects of them.</summary>
/// <example>
/// <code>
/// var result = await new CwlEngine(engineOptions).RunAsync(document, inputs);
/// var provenance = CwlProvenance.Map(result, document, new CwlProvenanceOptions { UserOrcid = orcid });
/// ResearchObjectBag.Write(dir, provenance.ToResearchObject(File.ReadAllText(document.SourcePath)));
/// </code>
/// </example>
public static class CwlProvenance
{
    /// <summary>Maps a finished (or failed, or cancelled) run to PROV following the CWLProv 0.6 profile.</summary>
    /// <param name="result">The run's result, with the record of every job.</param>
    /// <param name="document">The document that ran (its class tells a workflow run from a single tool run).</param>
    /// <param name="options">Run UUID and user identity; null for a new UUID and no user.</param>
    /// <returns>The PROV document and what a research object of the run needs.</returns>
    /// <exception cref="ArgumentException"><see cref="CwlProvenanceOptions.UserOrcid"/> is not an ORCID iD.</exception>
    public static CwlProvenanceResult Map(CwlRunResult result, CwlDocument document, CwlProvenanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(document);
        var jobs = result.Jobs.Select(j => new CwlJobFacts(
            j.JobId, j.Name, j.ProcessClass, j.Inputs, j.Outputs, j.CommandLine, j.ExitCode, State(j.Status), j.Message,
            j.StartedUtc, j.FinishedUtc, j.ContainerImage)).ToList();
        var facts = new CwlRunFacts(result.ProcessId, document.Class == "Workflow", State(result.Status), result.Inputs,
            result.Outputs, result.StartedUtc, result.FinishedUtc, result.Message, jobs);
        return Map(facts, options);
    }

    /// <summary>Maps a run and writes its research object (CWLProv bag) into <paramref name="directory"/>.</summary>
    /// <param name="directory">The bag's directory; must not exist or be empty.</param>
    /// <param name="result">The run's result.</param>
    /// <param name="document">The document that ran.</param>
    /// <param name="packedWorkflow">Self-contained CWL text for <c>workflow/packed.cwl</c> (a single-file workflow's own text), or null.</param>
    /// <param name="options">Run UUID and user identity.</param>
    /// <param name="bagOptions">Bag options (e.g. referencing large files instead of copying them).</param>
    /// <returns>What was written.</returns>
    public static ResearchObjectSummary WriteResearchObject(string directory, CwlRunResult result, CwlDocument document,
        string? packedWorkflow, CwlProvenanceOptions? options = null, ResearchObjectOptions? bagOptions = null) =>
        ResearchObjectBag.Write(directory, Map(result, document, options).ToResearchObject(packedWorkflow), bagOptions);

    internal static CwlProvenanceResult Map(CwlRunFacts run, CwlProvenanceOptions? options = null) =>
        new CwlProvMapper(run, options ?? new CwlProvenanceOptions()).Map();

    /// <summary>CWL's own words for how a process ended (as in cwltool's final status).</summary>
    internal static string State(CwlJobStatus status) => status switch
    {
        CwlJobStatus.Success => "success",
        CwlJobStatus.PermanentFailure => "permanentFail",
        CwlJobStatus.TemporaryFailure => "temporaryFail",
        CwlJobStatus.Skipped => "skipped",
        CwlJobStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };
}

using System.Text.Json.Nodes;

namespace Stoa.Provenance;

/// <summary>A run's CWLProv provenance and what a research object of it needs.</summary>
public sealed class CwlProvenanceResult
{
    internal CwlProvenanceResult(ProvDocument document, Guid runUuid, IReadOnlyList<ResearchObjectFile> dataFiles, JsonObject job,
        JsonObject? output, string? authorName, string? authorOrcid)
    {
        Document = document;
        RunUuid = runUuid;
        DataFiles = dataFiles;
        Job = job;
        Output = output;
        AuthorName = authorName;
        AuthorOrcid = authorOrcid;
    }

    /// <summary>The PROV document (CWLProv 0.6 profile).</summary>
    public ProvDocument Document { get; }

    /// <summary>The run's UUID (its activity is <c>urn:uuid:{RunUuid}</c>).</summary>
    public Guid RunUuid { get; }

    /// <summary>The input and output files still on disk, with their SHA-1.</summary>
    public IReadOnlyList<ResearchObjectFile> DataFiles { get; }

    /// <summary>The run's input object.</summary>
    public JsonObject Job { get; }

    /// <summary>The run's output object; null when it failed.</summary>
    public JsonObject? Output { get; }

    private string? AuthorName { get; }

    private string? AuthorOrcid { get; }

    /// <summary>What to give <see cref="ResearchObjectBag.Write"/> for this run.</summary>
    /// <param name="packedWorkflow">The self-contained workflow text for <c>workflow/packed.cwl</c>, or null.</param>
    public ResearchObjectContent ToResearchObject(string? packedWorkflow) => new()
    {
        RunUuid = RunUuid,
        Provenance = Document,
        DataFiles = DataFiles,
        PackedWorkflow = packedWorkflow,
        Job = Job,
        Output = Output,
        AuthorName = AuthorName,
        AuthorOrcid = AuthorOrcid is { } o ? StoaNamespaces.Orcid.Uri + o : null,
    };
}

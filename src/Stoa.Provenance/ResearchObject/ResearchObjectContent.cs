using System.Text.Json.Nodes;

namespace Stoa.Provenance;

/// <summary>What goes into a CWLProv research object bag. The CWL mapping fills one from a run.</summary>
public sealed record ResearchObjectContent
{
    /// <summary>The run's UUID: the bag's identifier is <c>arcp://uuid,{RunUuid}/</c>.</summary>
    public required Guid RunUuid { get; init; }

    /// <summary>The run's provenance, written as <c>metadata/provenance/primary.cwlprov.{provn,json,ttl,nt,xml}</c>.</summary>
    public required ProvDocument Provenance { get; init; }

    /// <summary>The input and output files, stored content-addressed as <c>data/&lt;2 hex&gt;/&lt;sha1&gt;</c>.</summary>
    public IReadOnlyList<ResearchObjectFile> DataFiles { get; init; } = [];

    /// <summary>The workflow, self-contained (packed), written as <c>workflow/packed.cwl</c>; null to leave it out.</summary>
    public string? PackedWorkflow { get; init; }

    /// <summary>The input object, written as <c>workflow/primary-job.json</c> with File locations pointing into <c>data/</c>.</summary>
    public JsonObject? Job { get; init; }

    /// <summary>The output object (<c>workflow/primary-output.json</c>), null for a run that produced none.</summary>
    public JsonObject? Output { get; init; }

    /// <summary>The person who ran it, if they said who they are.</summary>
    public string? AuthorName { get; init; }

    /// <summary>Their ORCID iD URL (<c>https://orcid.org/…</c>), only if they gave one.</summary>
    public string? AuthorOrcid { get; init; }

    /// <summary>When the bag is made. <value>The default is now (UTC).</value></summary>
    public DateTimeOffset CreatedOn { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A file to put in the bag's payload.</summary>
/// <param name="Path">Where the file is now.</param>
/// <param name="Sha1">Its SHA-1 (hex) if already known (e.g. a CWL <c>checksum</c>); checked while copying.</param>
public sealed record ResearchObjectFile(string Path, string? Sha1 = null);

/// <summary>Options of <see cref="ResearchObjectBag.Write"/>.</summary>
public sealed record ResearchObjectOptions
{
    /// <summary>
    /// Files larger than this are not copied into <c>data/</c> but listed in <c>fetch.txt</c> by URL, size and hash
    /// (a "holey" bag, completed by fetching), so a 100 GB input is read once for its checksums and never copied.
    /// <value>The default is <see cref="long.MaxValue"/>: copy everything.</value>
    /// </summary>
    public long ReferenceFilesLargerThan { get; init; } = long.MaxValue;
}

/// <summary>What <see cref="ResearchObjectBag.Write"/> made.</summary>
/// <param name="Directory">The bag's directory.</param>
/// <param name="ExternalIdentifier">The bag's <c>arcp://uuid,…/</c> identifier.</param>
/// <param name="PayloadFiles">How many data files the payload has (copied and referenced).</param>
/// <param name="PayloadBytes">Their total size in bytes.</param>
/// <param name="ReferencedFiles">How many of them are referenced in <c>fetch.txt</c> instead of copied.</param>
public sealed record ResearchObjectSummary(string Directory, string ExternalIdentifier, int PayloadFiles, long PayloadBytes, int ReferencedFiles);

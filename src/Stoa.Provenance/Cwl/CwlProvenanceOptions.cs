namespace Stoa.Provenance;

/// <summary>Options of the CWLProv mapping.</summary>
public sealed record CwlProvenanceOptions
{
    /// <summary>The run's UUID, naming the run activity and the research object. <value>The default is a new random UUID.</value></summary>
    public Guid? RunUuid { get; init; }

    /// <summary>The user's name, recorded only if given (it identifies a person).</summary>
    public string? UserName { get; init; }

    /// <summary>The user's ORCID iD (<c>0000-0002-1825-0097</c> or its URL), recorded only if given.</summary>
    public string? UserOrcid { get; init; }

    /// <summary>
    /// Whether files without a recorded checksum are read to compute their SHA-1, so they can be named by content.
    /// <value>The default is true; a file that no longer exists is named by a UUID instead.</value>
    /// </summary>
    public bool HashFiles { get; init; } = true;
}

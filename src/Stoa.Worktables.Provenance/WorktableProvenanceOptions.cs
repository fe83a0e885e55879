using Stoa.Provenance;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Provenance;

/// <summary>Options of <see cref="WorktableProvenanceExport"/>.</summary>
public sealed record WorktableProvenanceOptions
{
    /// <summary>The acting user, recorded as the <c>prov:Person</c> the runs were associated with.</summary>
    /// <value>The default is <see langword="null"/>: no user agent is written.</value>
    public string? User { get; init; }

    /// <summary>The acting user's ORCID iD (<c>0000-0002-1825-0097</c> or its URL); names the user agent when given.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? UserOrcid { get; init; }

    /// <summary>
    /// For a row, the rows of other tables it was derived from, written as <c>prov:wasDerivedFrom</c>; name them with
    /// <see cref="WorktableProvenanceExport.RowKey(Worktable, WorktableRow)"/> so the identifiers match that table's export.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no derivations.</value>
    public Func<WorktableRow, IReadOnlyList<WorktableRowReference>>? UpstreamRows { get; init; }

    /// <summary>The PROV writer's options.</summary>
    /// <value>The default is <see langword="null"/>: the writer's defaults.</value>
    public ProvWriterOptions? Writer { get; init; }
}

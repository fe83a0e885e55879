namespace Stoa.Provenance;

/// <summary>
/// What Stoa.Provenance needs to know of one worktable row; the worktables side fills it in (Provenance does not
/// reference Worktables). Exported by <see cref="WorktableProvenance"/>.
/// </summary>
public sealed record WorktableRowProvenance
{
    /// <summary>The table's name, unique in its project (e.g. <c>sources</c>).</summary>
    public required string Table { get; init; }

    /// <summary>The row's key, unique in its table.</summary>
    public required string RowKey { get; init; }

    /// <summary>The row's input cells.</summary>
    public IReadOnlyList<WorktableCell> Inputs { get; init; } = [];

    /// <summary>The row's output cells; absent when the run failed or has not run (never invented).</summary>
    public IReadOnlyList<WorktableCell> Outputs { get; init; } = [];

    /// <summary>The workflow run that produced the outputs (a unique id, e.g. a UUID), or null when the row never ran.</summary>
    public string? RunId { get; init; }

    /// <summary>When that run started, if known.</summary>
    public DateTimeOffset? RunStarted { get; init; }

    /// <summary>When that run ended, if known.</summary>
    public DateTimeOffset? RunEnded { get; init; }

    /// <summary>The run's end state (e.g. <c>success</c>, <c>permanentFail</c>), if known.</summary>
    public string? RunState { get; init; }

    /// <summary>The workflow's id in CWL (e.g. <c>#main</c> or a file name), if known.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>The workflow version the row's result came from: a SHA-1 (hex) that differs for every version (e.g. of
    /// its packed document, or of the manifest of its files). Rows of one table may name different versions.</summary>
    public required string WorkflowSha1 { get; init; }

    /// <summary>Where that version's document is kept (a path or URI), written as the plan's <c>prov:location</c>, if known.</summary>
    public string? WorkflowLocation { get; init; }

    /// <summary>
    /// The container images the run's tools ran in, as <c>name@id</c> (<c>docker.io/debian:stable-slim@sha256:…</c>),
    /// or a bare name when no id is known; empty when the tools ran on the host.
    /// </summary>
    public IReadOnlyList<string> ContainerImages { get; init; } = [];

    /// <summary>The acting user's name.</summary>
    public string? User { get; init; }

    /// <summary>The acting user's ORCID iD (<c>0000-0002-1825-0097</c> or its URL), only when the user gave one.</summary>
    public string? UserOrcid { get; init; }

    /// <summary>Rows of linked (upstream) tables this row was derived from.</summary>
    public IReadOnlyList<WorktableRowReference> UpstreamRows { get; init; } = [];
}

/// <summary>A row of another table: the target of <c>prov:wasDerivedFrom</c>.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="RowKey">The row's key.</param>
public sealed record WorktableRowReference(string Table, string RowKey);

/// <summary>One cell of a row: a parameter value, or a file identified by its content.</summary>
/// <param name="Column">The column name (the workflow port).</param>
/// <param name="Value">The value, for parameter cells (<c>xsd:double</c>, <c>xsd:long</c>, strings …), else null.</param>
/// <param name="FileSha1">The SHA-1 (hex) of the file's content, for file cells, else null.</param>
/// <param name="Unit">The column's unit (IVOA VOUnit, e.g. <c>Jy/beam</c>), if it has one.</param>
/// <param name="Ucd">The column's UCD (e.g. <c>phot.flux.density</c>), if it has one.</param>
public sealed record WorktableCell(string Column, ProvValue? Value, string? FileSha1 = null, string? Unit = null, string? Ucd = null);

namespace Stoa.Provenance;

/// <summary>Options of <see cref="ProvenanceWriter"/>.</summary>
public sealed record ProvWriterOptions
{
    /// <summary>The default options.</summary>
    public static ProvWriterOptions Default { get; } = new();

    /// <summary>
    /// How many bytes of one PROV-JSON section (entities, activities, one relation kind …) are kept in memory before the
    /// section moves to a temporary file. <value>The default is 1 MiB, so a JSON export holds at most ~15 MiB whatever its size.</value>
    /// </summary>
    public int JsonSpillThresholdBytes { get; init; } = 1 << 20;

    /// <summary>Whether each record is checked with <see cref="ProvValidator"/> before it is written. <value>The default is true.</value></summary>
    public bool Validate { get; init; } = true;
}

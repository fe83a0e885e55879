using Stoa.Worktables.Export;

namespace Stoa.Worktables.Search;

/// <summary>Options of a cone search (<see cref="Worktable.ConeSearch"/>).</summary>
public sealed record ConeSearchOptions
{
    /// <summary>
    /// The right-ascension column (degrees). Default: <see langword="null"/>, the first numeric column whose UCD is
    /// <c>pos.eq.ra;meta.main</c>, else the first whose UCD starts with <c>pos.eq.ra</c>.
    /// </summary>
    public string? RaColumn { get; init; }

    /// <summary>
    /// The declination column (degrees). Default: <see langword="null"/>, the first numeric column whose UCD is
    /// <c>pos.eq.dec;meta.main</c>, else the first whose UCD starts with <c>pos.eq.dec</c>.
    /// </summary>
    public string? DecColumn { get; init; }

    /// <summary>How the result rows are written. The default value is <see cref="VoTableSerialization.TableData"/>.</summary>
    public VoTableSerialization Serialization { get; init; } = VoTableSerialization.TableData;

    /// <summary>Also write the hidden fields (row id, status, hashes, times…). The default value is <see langword="false"/>.</summary>
    public bool IncludeSystemFields { get; init; }
}

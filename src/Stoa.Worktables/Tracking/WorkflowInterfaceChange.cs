namespace Stoa.Worktables.Tracking;

/// <summary>
/// The workflow on disk no longer matches the version a table is bound to in a way that cannot be taken over
/// without a decision: its inputs or outputs were added, removed or retyped, or it no longer loads. The table
/// keeps its bound version (and its rows their results) until <see cref="Worktable.Rebind"/> accepts the change.
/// </summary>
public sealed record WorkflowInterfaceChange
{
    /// <summary>The workflow document.</summary>
    public required string DocumentPath { get; init; }

    /// <summary>Columns the new version adds, as <c>name (type)</c>.</summary>
    public IReadOnlyList<string> Added { get; init; } = [];

    /// <summary>Columns the new version removes, as <c>name (type)</c>.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Columns whose type changed, as <c>name (old → new)</c>.</summary>
    public IReadOnlyList<string> Retyped { get; init; } = [];

    /// <summary>Why the new version cannot be read at all (it does not load), or null.</summary>
    public string? LoadError { get; init; }

    /// <summary>Whether accepting it drops data (removed or retyped columns need <c>dropColumns</c>).</summary>
    public bool DropsColumns => Removed.Count > 0 || Retyped.Count > 0;

    /// <summary>One line: the column diff, or the load error.</summary>
    public override string ToString()
    {
        if (LoadError is not null)
        {
            return $"{DocumentPath} changed and no longer loads: {LoadError}";
        }

        var parts = new List<string>();
        if (Added.Count > 0)
        {
            parts.Add("adds " + string.Join(", ", Added));
        }

        if (Removed.Count > 0)
        {
            parts.Add("removes " + string.Join(", ", Removed));
        }

        if (Retyped.Count > 0)
        {
            parts.Add("retypes " + string.Join(", ", Retyped));
        }

        return $"{DocumentPath} changed its columns: {string.Join("; ", parts)}";
    }
}

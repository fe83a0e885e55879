namespace Stoa.Worktables;

/// <summary>Options of a new worktable.</summary>
public sealed record WorktableOptions
{
    /// <summary>Input columns whose values together identify a row; no two rows may share them. Default: none.</summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>
    /// The row template: default input values used when a new row leaves a column out (STOA's
    /// <c>template.yml</c>). Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Template { get; init; } = new Dictionary<string, object?>();
}

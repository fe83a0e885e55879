namespace Stoa.Worktables.Bundles;

/// <summary>Options of <see cref="WorktableProject.ImportWtx(string, string, WtxImportOptions?)"/>.</summary>
public sealed record WtxImportOptions
{
    /// <summary>Input columns whose values together identify a row (a <c>.wtx</c> does not say). Default: none.</summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>
    /// What to do with a line of <c>links.txt</c> whose parent table is not in the project. <see langword="false"/>
    /// (the default) refuses the import with a <see cref="Errors.WtxFormatException"/> naming the line, so no link is
    /// lost silently: import the parent table first. <see langword="true"/> imports the table without those links.
    /// </summary>
    public bool SkipUnresolvedLinks { get; init; }
}

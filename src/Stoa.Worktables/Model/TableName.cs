using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Model;

/// <summary>
/// Table names are identifiers: they appear in URLs (<c>/t/NAME</c>), folder names (bundles), command lines and
/// links (<c>parent.column</c>), so a name such as <c>a/b</c>, <c>..</c> or <c>-x</c> would be listed but not reachable,
/// or reach something else. Checked wherever a table comes into being (created or imported).
/// </summary>
internal static class TableName
{
    public const int MaxLength = 128;

    /// <exception cref="WorktableException">The name is not an identifier.</exception>
    public static void Check(string name)
    {
        if (!IsValid(name))
        {
            throw new WorktableException(
                $"table name '{name}': use letters, digits, '_', '-' and '.', starting with a letter, digit or '_', at most {MaxLength} characters.");
        }
    }

    private static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength
        && (char.IsAsciiLetterOrDigit(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}

using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// Splits command-line assignments <c>COLUMN=VALUE</c> into cells; each value is a <see cref="CellText"/>, parsed by
/// Stoa.Worktables by its column's type as a CSV cell is (the library also names an unknown column).
/// </summary>
internal static class CellAssignments
{
    /// <summary>The cells of <paramref name="assignments"/>, by column name.</summary>
    /// <exception cref="CellTypeException">Not <c>COLUMN=VALUE</c>, or a column given twice.</exception>
    public static Dictionary<string, object?> Parse(IEnumerable<string> assignments)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CellTypeException($"'{assignment}': expected COLUMN=VALUE (e.g. x=5).");
            }

            var name = assignment[..eq];
            if (!given.TryAdd(name, assignment))
            {
                // Neither "last wins" nor a merge: which value was meant is the user's to say.
                throw new CellTypeException($"column '{name}' is given twice ('{given[name]}' and '{assignment}'); give each column once.");
            }

            values[name] = new CellText(assignment[(eq + 1)..]);
        }

        return values;
    }
}

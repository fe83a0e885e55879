using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// Turns command-line assignments <c>COLUMN=VALUE</c> into cell values for <see cref="Stoa.Worktables.Worktable"/>.
/// Text-like columns (string, enum, File, Directory) take the text as is (a File is a path); every other column
/// takes a JSON literal (<c>5</c>, <c>true</c>, <c>[1,2]</c>). The library checks the value against the column type.
/// </summary>
internal static class CellAssignments
{
    /// <summary>Parses <paramref name="assignments"/> against <paramref name="columns"/>.</summary>
    /// <exception cref="UnknownColumnException">No input column of that name.</exception>
    /// <exception cref="CellTypeException">Not <c>COLUMN=VALUE</c>, a column given twice, or not a JSON literal for a non-text column.</exception>
    public static Dictionary<string, object?> Parse(IEnumerable<string> assignments, IReadOnlyList<ColumnDefinition> columns)
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
            var text = assignment[(eq + 1)..];
            if (!given.TryAdd(name, assignment))
            {
                // Neither "last wins" nor a merge: which value was meant is the user's to say.
                throw new CellTypeException($"column '{name}' is given twice ('{given[name]}' and '{assignment}'); give each column once.");
            }

            var column = columns.FirstOrDefault(c => c.Name == name && c.Role == ColumnRole.Input)
                ?? throw new UnknownColumnException($"column '{name}': no input column of that name (inputs: {string.Join(", ", columns.Where(c => c.Role == ColumnRole.Input).Select(c => c.Name))}).");
            values[name] = Convert(name, text, column.Type);
        }

        return values;
    }

    private static object? Convert(string column, string text, ColumnType type)
    {
        if (text.Length == 0)
        {
            return null;
        }

        switch (type.Kind)
        {
            case ColumnTypeKind.String or ColumnTypeKind.Enum:
                return text;
            case ColumnTypeKind.File:
                return new FileInfo(text);
            case ColumnTypeKind.Directory:
                return new DirectoryInfo(text);
            default:
                try
                {
                    return JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    throw new CellTypeException($"column '{column}': '{text}' is not a {type} value (write a JSON literal, e.g. 5, 2.5, true, [1,2]).");
                }
        }
    }
}

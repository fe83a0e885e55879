namespace Stoa.Worktables.Model;

/// <summary>
/// A cell value given as text, to be parsed by its column's type exactly as a CSV cell is
/// (<see cref="Worktable.ImportCsv"/>): a number, <c>true</c>/<c>false</c>, JSON for arrays and records, a path for
/// a File or Directory (relative to the current directory), the text itself for a string or enum; empty text is
/// an empty cell. Pass it as a value to <see cref="IWorktable.AddRow"/> or <see cref="IWorktable.Edit(long, IReadOnlyDictionary{string, object?})"/>,
/// e.g. for values typed on a command line or in a form.
/// </summary>
/// <param name="Text">The text as the user typed it.</param>
public readonly record struct CellText(string Text);

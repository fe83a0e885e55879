using System.Text.Json;

namespace Stoa.Host.Access;

/// <summary>A comment or a flag on a row, with its author and time (UTC).</summary>
internal sealed record RowAnnotation(string Table, long RowId, string Kind, string Text, string Author, DateTime Utc);

/// <summary>
/// Flags and comments on rows, kept with their history beside the project (<c>&lt;project&gt;-annotations.json</c>).
/// Interim, like <see cref="ProjectAccess"/>: issue 7 moves them into Stoa.Worktables.
/// </summary>
internal sealed class RowAnnotations
{
    private readonly object _gate = new();
    private readonly string _path;
    private readonly List<RowAnnotation> _items;

    private RowAnnotations(string path, List<RowAnnotation> items)
    {
        _path = path;
        _items = items;
    }

    /// <summary>Loads the annotations of a project.</summary>
    public static RowAnnotations Open(string projectPath)
    {
        var path = Path.GetFullPath(projectPath) + "-annotations.json";
        var items = File.Exists(path) ? JsonSerializer.Deserialize<List<RowAnnotation>>(File.ReadAllText(path)) ?? [] : [];
        return new RowAnnotations(path, items);
    }

    /// <summary>Appends a comment or flag (<paramref name="kind"/> is "comment" or "flag").</summary>
    public RowAnnotation Add(string table, long rowId, string kind, string text, string author)
    {
        var item = new RowAnnotation(table, rowId, kind, text, author, DateTime.UtcNow);
        lock (_gate)
        {
            _items.Add(item);
            var temp = _path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(_items));
            File.Move(temp, _path, overwrite: true);
        }

        return item;
    }

    /// <summary>The annotations of one row, oldest first.</summary>
    public IReadOnlyList<RowAnnotation> Of(string table, long rowId)
    {
        lock (_gate)
        {
            return [.. _items.Where(i => i.Table == table && i.RowId == rowId)];
        }
    }
}

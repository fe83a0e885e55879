using System.Text.Json.Nodes;
using Stoa.Worktables.Export;
using Stoa.Worktables.Model;
using Stoa.Worktables.Search;
using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Vo.Tap;

/// <summary>
/// The project's published worktables as ADQL tables in the schema <c>public</c>: the user columns only (never the
/// hidden fields, flags or comments), int/long cells as integers, float/double as reals, booleans, and every other
/// cell (File, arrays, records) as its export text.
/// </summary>
internal static class PublishedTables
{
    /// <summary>The schema the published tables are in; queries may leave it out.</summary>
    public const string Schema = "public";

    public static IReadOnlyList<(string Published, Worktable Table)> All(WorktableProject project) =>
        [.. project.AccessStore.Publications().Select(p => (p.PublishedName, project.OpenTable(p.TableName)))];

    /// <summary>The published table <paramref name="name"/> (without case), or null; unpublished tables are not told apart from missing ones.</summary>
    public static Worktable? Find(WorktableProject project, string name) =>
        project.AccessStore.Publications().FirstOrDefault(p => p.PublishedName.Equals(name, StringComparison.OrdinalIgnoreCase)) is { TableName: { } t }
            ? project.OpenTable(t)
            : null;

    public static AdqlTable AsAdql(string published, Worktable table)
    {
        var columns = table.Columns;
        var adql = columns.Select(c => new AdqlColumn(c.Name, ExportSchema.ScalarKind(c.Type), c.Unit, c.Ucd, c.Description)).ToList();
        return new AdqlTable(Schema, published, adql, () => table.Rows().Select(r => Cells(r, columns, adql)), table.Name)
        {
            Cone = (raColumn, decColumn, ra, dec, radius) =>
                SkyIndex.CandidateRecords(table, raColumn, decColumn, ra, dec, radius)?.Select(r => Cells(table.ToRow(r), columns, adql)),
        };
    }

    private static object?[] Cells(WorktableRow row, IReadOnlyList<ColumnDefinition> columns, List<AdqlColumn> adql)
    {
        var cells = new object?[columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            // The row's own dictionaries: read only, so no defensive copy as the indexer makes.
            var name = columns[i].Name;
            var node = row.Inputs.TryGetValue(name, out var v) ? v : row.Outputs.GetValueOrDefault(name);
            cells[i] = node is null ? null : Cell(node, adql[i].Kind);
        }

        return cells;
    }

    private static object? Cell(JsonNode node, ExportKind kind) => kind switch
    {
        ExportKind.Int or ExportKind.Long => node.AsValue().TryGetValue<long>(out var l) ? l : (long)ExportColumn.ToDouble(node),
        ExportKind.Float or ExportKind.Double => ExportColumn.ToDouble(node),
        ExportKind.Boolean => node.GetValue<bool>(),
        _ => CsvExport.Text(node),
    };
}

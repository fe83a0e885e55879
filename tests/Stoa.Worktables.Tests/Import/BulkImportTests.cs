using System.Text;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Import;

/// <summary>
/// Imports and batch edits larger than the chunks the library works in (rows are sealed a thread ahead of the
/// store; batch edits read their rows hundreds at a time): the same answers and errors as row by row.
/// </summary>
public sealed class BulkImportTests
{
    private const int Rows = 3000;

    private static string Csv(int rows, int badLine = 0, int duplicateLine = 0)
    {
        var text = new StringBuilder("x,label\n");
        for (var line = 2; line < rows + 2; line++)
        {
            var x = line == duplicateLine ? 2 : line;
            text.Append(line == badLine ? "seven" : x.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",obs-").Append(line).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void A_large_import_keeps_its_order_and_names_the_bad_line_or_the_duplicate_key()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });

        var bad = Assert.Throws<CellTypeException>(() => t.ImportCsv(new StringReader(Csv(Rows, badLine: 2500))));
        Assert.Equal(2500, bad.SourceRow);
        Assert.Equal("x", bad.Column);
        Assert.Empty(t.Rows());

        var duplicate = Assert.Throws<DuplicateKeyException>(() => t.ImportCsv(new StringReader(Csv(Rows, duplicateLine: 2900))));
        Assert.Equal(2900, duplicate.SourceRow);
        Assert.Equal("[2]", duplicate.Value);
        Assert.Empty(t.Rows());

        var ids = t.ImportCsv(new StringReader(Csv(Rows)));
        Assert.Equal(Rows, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(Enumerable.Range(2, Rows).Select(x => (long)x), t.Rows().Select(r => (long)r["x"]!));
        Assert.Equal("obs-1000", (string?)t.GetRow(ids[998])["label"]);
    }

    [Fact]
    public async Task A_batch_edit_across_read_chunks_sees_its_earlier_edits_and_moved_keys()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        var ids = t.AddRows(Enumerable.Range(1, 1500).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i }));
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());

        // Every key moves by 10 000; then row 6 gets a label: its edit reads the row as the first edit left it.
        var edits = ids.Take(1200).Select((id, i) => new RowEdit(id, new Dictionary<string, object?> { ["x"] = 10_001 + i }))
            .Append(new RowEdit(ids[5], new Dictionary<string, object?> { ["label"] = "again" }))
            .ToList();
        var statuses = t.SetCells(edits);
        Assert.Equal(Enumerable.Repeat(RowStatus.Stale, 1201), statuses);
        Assert.Equal(10_006L, (long)t.GetRow(ids[5])["x"]!);
        Assert.Equal("again", (string?)t.GetRow(ids[5])["label"]);

        // Lines find their rows under the moved keys.
        var csv = "x,label\n" + string.Concat(Enumerable.Range(0, 1200).Select(i => $"{10_001 + i},moved\n"));
        Assert.Equal(ids.Take(1200), t.SetCellsFromCsv(new StringReader(csv)));
        Assert.Equal("moved", (string?)t.GetRow(ids[1199])["label"]);
        Assert.Equal(1200, t.RowsToRecompute().Count);

        // A key taken by an earlier edit of the same batch, far into it, is a duplicate: nothing changes.
        var before = t.Rows().Select(r => r.InputHash).ToList();
        var clash = ids.Skip(1200).Select(id => new RowEdit(id, new Dictionary<string, object?> { ["x"] = 50_000 + (int)id }))
            .Append(new RowEdit(ids[1400], new Dictionary<string, object?> { ["x"] = 50_000 + (int)ids[1201] }));
        Assert.Throws<DuplicateKeyException>(() => t.SetCells(clash));
        Assert.Equal(before, t.Rows().Select(r => r.InputHash));
    }
}

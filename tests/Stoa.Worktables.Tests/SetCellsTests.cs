using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests;

/// <summary>Batch edits: one transaction, statuses derived as for single edits, all or none.</summary>
public sealed class SetCellsTests
{
    private static async Task<(ScratchProject S, Worktable T, IReadOnlyList<long> Ids)> Computed(int rows, bool keyed = false)
    {
        var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler(), keyed ? new WorktableOptions { KeyColumns = ["x"] } : null);
        var ids = t.AddRows(Enumerable.Range(1, rows).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i }));
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        return (s, t, ids);
    }

    [Fact]
    public async Task Statuses_are_derived_as_for_single_edits()
    {
        var (s, t, ids) = await Computed(4);
        using var _ = s;
        var statuses = t.SetCells(
        [
            new RowEdit(ids[0], new Dictionary<string, object?> { ["x"] = 100 }),        // identity changed: Stale
            new RowEdit(ids[1], new Dictionary<string, object?> { ["x"] = 2 }),          // same value: nothing changes
            new RowEdit(ids[2], new Dictionary<string, object?> { ["x"] = 30 }),
            new RowEdit(ids[2], new Dictionary<string, object?> { ["x"] = 3 }),          // back to its outputs' inputs: no rerun
            new RowEdit(ids[3], new Dictionary<string, object?> { ["label"] = "new" }),
        ]);
        Assert.Equal([RowStatus.Stale, RowStatus.Succeeded, RowStatus.Stale, RowStatus.Succeeded, RowStatus.Stale], statuses);
        Assert.Equal([ids[0], ids[3]], t.RowsToRecompute());
        Assert.Equal(100L, (long)t.GetRow(ids[0])["x"]!);
        Assert.Equal("new", (string?)t.GetRow(ids[3])["label"]);

        // The same edits one at a time reach the same statuses.
        var (s2, single, ids2) = await Computed(4);
        using var __ = s2;
        Assert.Equal(statuses, [
            single.Edit(ids2[0], "x", 100), single.Edit(ids2[1], "x", 2), single.Edit(ids2[2], "x", 30), single.Edit(ids2[2], "x", 3), single.Edit(ids2[3], "label", "new"),
        ]);
    }

    [Fact]
    public async Task A_bad_edit_changes_no_row()
    {
        var (s, t, ids) = await Computed(3);
        using var _ = s;
        var before = t.Rows().Select(r => (r.InputHash, r.Status)).ToList();
        var e = Assert.Throws<CellTypeException>(() => t.SetCells(
        [
            new RowEdit(ids[0], new Dictionary<string, object?> { ["x"] = 7 }),
            new RowEdit(ids[1], new Dictionary<string, object?> { ["x"] = "not a number" }),
        ]));
        Assert.Equal(ids[1], e.RowId);
        Assert.Throws<KeyNotFoundException>(() => t.SetCells([new RowEdit(ids[0], new Dictionary<string, object?> { ["x"] = 7 }), new RowEdit(999, new Dictionary<string, object?> { ["x"] = 1 })]));
        Assert.Throws<UnknownColumnException>(() => t.SetCells([new RowEdit(ids[0], new Dictionary<string, object?> { ["doubled"] = 7 })]));
        Assert.Equal(before, t.Rows().Select(r => (r.InputHash, r.Status)).ToList());
    }

    [Fact]
    public async Task Csv_lines_find_their_rows_by_key_and_errors_name_line_and_field()
    {
        var (s, t, ids) = await Computed(3, keyed: true);
        using var _ = s;
        var edited = t.SetCellsFromCsv(new StringReader("label,x\nfirst,1\n\n\"third, quoted\",3\n"));
        Assert.Equal([ids[0], ids[2]], edited);
        Assert.Equal("third, quoted", (string?)t.GetRow(ids[2])["label"]);
        Assert.Equal(RowStatus.Stale, t.GetRow(ids[0]).Status);
        Assert.Equal(RowStatus.Succeeded, t.GetRow(ids[1]).Status);

        var before = t.Rows().Select(r => (r.InputHash, r.Status)).ToList();
        void Refused(string csv, int line, string? column)
        {
            var e = Assert.ThrowsAny<CellException>(() => t.SetCellsFromCsv(new StringReader(csv)));
            Assert.Equal(line, e.SourceRow);
            Assert.Equal(column, e.Column);
            Assert.Equal(before, t.Rows().Select(r => (r.InputHash, r.Status)).ToList());
        }

        Refused("x,label\n1,a\n9,b\n", 3, "x");                    // no row with key 9
        Refused("x,label\n1,a\n2,b\n1,c\n", 4, "x");                // the same row twice
        Refused("x,label\n1,a\n2\n", 3, null);                      // field count
        Refused("x,label\n1,a\nnope,b\n", 3, "x");                   // key not an int
        Refused("label\nz\n", 1, "x");                              // no key column
        Refused("x,doubled\n1,5\n", 1, "doubled");                  // an output
    }

    [Fact]
    public void A_table_without_key_columns_refuses_csv_edits()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var e = Assert.ThrowsAny<CellException>(() => t.SetCellsFromCsv(new StringReader("x,label\n1,a\n")));
        Assert.Contains("no key columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_apply_to_batch_edits()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        s.Project.AddUser("vera");
        var owner = s.Project.CreateTableAs("olive", "t", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        var id = owner.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        owner.Grant("vera", WorktableRole.Collaborator);
        var viewer = s.Project.OpenTableAs("vera", "t");
        Assert.Throws<AccessDeniedException>(() => viewer.SetCells([new RowEdit(id, new Dictionary<string, object?> { ["label"] = "v" })]));
        Assert.Throws<AccessDeniedException>(() => viewer.SetCellsFromCsv(new StringReader("x,label\n1,v\n")));
        Assert.Null((string?)owner.GetRow(id)["label"]);
        Assert.Equal([RowStatus.Pending], owner.SetCells([new RowEdit(id, new Dictionary<string, object?> { ["label"] = "o" })]));
        Assert.Equal([id], owner.SetCellsFromCsv(new StringReader("x,label\n1,p\n")));
        Assert.Equal("p", (string?)owner.GetRow(id)["label"]);
    }
}

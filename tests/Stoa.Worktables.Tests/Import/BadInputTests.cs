using System.Text;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Import;

/// <summary>Every bad input is a typed error naming row, column and value, and leaves the table unchanged.</summary>
public sealed class BadInputTests
{
    private static WorkflowDefinition Typed() => WorkflowDefinition.FromColumns("typed",
        [
            ColumnDefinition.Input("obs", ColumnType.String),
            ColumnDefinition.Input("n", ColumnType.Int),
            ColumnDefinition.Input("image", ColumnType.File.AsOptional()),
            ColumnDefinition.Input("band", ColumnType.Enum("L", "C")),
        ],
        [ColumnDefinition.Output("flux", ColumnType.Double)], "typed");

    private static (ScratchProject S, Worktable T, long Id, string Snapshot) Setup(StoreKind kind = StoreKind.Sqlite)
    {
        var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", Typed(), new WorktableOptions { KeyColumns = ["obs"], Template = new Dictionary<string, object?> { ["band"] = "L" } });
        var id = t.AddRow(new Dictionary<string, object?> { ["obs"] = "a", ["n"] = 1 });
        return (s, t, id, Snapshot(t));
    }

    private static string Snapshot(Worktable t) => string.Join("\n", t.Rows().Select(r => $"{r.RowId}|{r.Status}|{r.InputHash}|{string.Join(",", r.Inputs.Select(p => p.Key + "=" + p.Value?.ToJsonString()))}"));

    [Fact]
    public void Text_in_an_int_column_names_row_column_and_value()
    {
        var (s, t, id, before) = Setup();
        using var _ = s;
        var e = Assert.Throws<CellTypeException>(() => t.Edit(id, "n", "abc"));
        Assert.Equal(id, e.RowId);
        Assert.Equal("n", e.Column);
        Assert.Equal("abc", e.Value);
        Assert.Contains($"row {id}", e.Message, StringComparison.Ordinal);
        Assert.Contains("'n'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'abc'", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(t));

        var add = Assert.Throws<CellTypeException>(() => t.AddRows([
            new Dictionary<string, object?> { ["obs"] = "b", ["n"] = 2 },
            new Dictionary<string, object?> { ["obs"] = "c", ["n"] = 2.5 },
        ]));
        Assert.Equal(2, add.SourceRow);
        Assert.Equal("2.5", add.Value);
        Assert.Equal(before, Snapshot(t));
    }

    [Fact]
    public void Out_of_range_int_and_unknown_enum_symbol_are_type_errors()
    {
        var (s, t, id, before) = Setup();
        using var _ = s;
        Assert.Equal("n", Assert.Throws<CellTypeException>(() => t.Edit(id, "n", 1L << 40)).Column);
        Assert.Equal("Q", Assert.Throws<CellTypeException>(() => t.Edit(id, "band", "Q")).Value);
        Assert.Equal("n", Assert.Throws<CellTypeException>(() => t.Edit(id, "n", null)).Column);
        Assert.Equal(before, Snapshot(t));
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        var (s, t, id, before) = Setup();
        using var _ = s;
        var missing = Path.Combine(s.Directory, "nope.fits");
        var e = Assert.Throws<MissingInputFileException>(() => t.Edit(id, "image", missing));
        Assert.Equal("image", e.Column);
        Assert.Equal(missing, e.Value);
        Assert.Equal(before, Snapshot(t));
    }

    [Fact]
    public void An_unknown_column_or_an_output_column_is_refused()
    {
        var (s, t, id, before) = Setup();
        using var _ = s;
        var e = Assert.Throws<UnknownColumnException>(() => t.Edit(id, "nn", 3));
        Assert.Equal("nn", e.Column);
        Assert.Contains("obs, n, image, band", e.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownColumnException>(() => t.Edit(id, "flux", 1.0));
        Assert.Throws<UnknownColumnException>(() => t.AddRow(new Dictionary<string, object?> { ["obs"] = "z", ["n"] = 1, ["bogus"] = 1 }));
        Assert.Equal(before, Snapshot(t));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public void A_duplicate_key_names_the_row_and_key_and_adds_nothing(StoreKind kind)
    {
        var (s, t, id, before) = Setup(kind);
        using var _ = s;
        var e = Assert.Throws<DuplicateKeyException>(() => t.AddRows([
            new Dictionary<string, object?> { ["obs"] = "b", ["n"] = 2 },
            new Dictionary<string, object?> { ["obs"] = "a", ["n"] = 3 },
        ]));
        Assert.Equal(2, e.SourceRow);
        Assert.Equal("obs", e.Column);
        Assert.Equal("[\"a\"]", e.Value);
        Assert.Equal(before, Snapshot(t));

        var other = t.AddRow(new Dictionary<string, object?> { ["obs"] = "b", ["n"] = 2 });
        var before2 = Snapshot(t);
        var e2 = Assert.Throws<DuplicateKeyException>(() => t.Edit(other, "obs", "a"));
        Assert.Equal(other, e2.RowId);
        Assert.Equal(before2, Snapshot(t));

        // A key repeated within the batch names its second row.
        var e3 = Assert.Throws<DuplicateKeyException>(() => t.AddRows([
            new Dictionary<string, object?> { ["obs"] = "c", ["n"] = 2 },
            new Dictionary<string, object?> { ["obs"] = "d", ["n"] = 2 },
            new Dictionary<string, object?> { ["obs"] = "c", ["n"] = 3 },
            new Dictionary<string, object?> { ["obs"] = "b", ["n"] = 3 },
        ]));
        Assert.Equal(3, e3.SourceRow);
        Assert.Equal(before2, Snapshot(t));
    }

    [Fact]
    public void A_bad_csv_line_is_named_by_its_line_number_and_nothing_is_added()
    {
        var (s, t, _, before) = Setup();
        using var __ = s;
        var csv = "obs,n,band\nb,2,C\n\nc,x3,L\n";
        var e = Assert.Throws<CellTypeException>(() => t.ImportCsv(new StringReader(csv)));
        Assert.Equal(4, e.SourceRow);
        Assert.Equal("n", e.Column);
        Assert.Equal("x3", e.Value);
        Assert.Contains("CSV line 4", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(t));

        Assert.Equal(3, Assert.Throws<CellException>(() => t.ImportCsv(new StringReader("obs,n\nb,2\nc,3,4\n"))).SourceRow);
        Assert.Equal(before, Snapshot(t));
    }

    [Fact]
    public void Json_import_is_strict_about_types()
    {
        var (s, t, _, before) = Setup();
        using var __ = s;
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("""[{"obs":"b","n":2},{"obs":"c","n":"3"}]"""));
        var e = Assert.Throws<CellTypeException>(() => t.ImportJson(json));
        Assert.Equal(2, e.SourceRow);
        Assert.Equal("n", e.Column);
        Assert.Equal("3", e.Value);
        Assert.Equal(before, Snapshot(t));
    }

    [Fact]
    public void A_workflow_whose_document_is_missing_fails_to_load_naming_the_file()
    {
        var (s, t, _, before) = Setup();
        using var __ = s;
        var doc = Path.Combine(s.Directory, "missing.cwl");
        var e = Assert.Throws<WorkflowException>(() => WorkflowDefinition.FromFiles("w", Typed().Inputs, Typed().Outputs, doc, []));
        Assert.Equal(doc, e.Path);
        Assert.Contains(doc, e.Message, StringComparison.Ordinal);

        var real = s.WriteFile("w.cwl", "cwlVersion: v1.2");
        var e2 = Assert.Throws<WorkflowException>(() => WorkflowDefinition.FromFiles("w", Typed().Inputs, Typed().Outputs, real, [Path.Combine(s.Directory, "tool.cwl")]));
        Assert.Contains("tool.cwl", e2.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(t));
    }

    [Fact]
    public void A_workflow_change_that_breaks_an_input_column_is_refused_and_changes_nothing()
    {
        var (s, t, _, before) = Setup();
        using var __ = s;
        var changed = WorkflowDefinition.FromColumns("typed",
            [ColumnDefinition.Input("obs", ColumnType.String), ColumnDefinition.Input("n", ColumnType.String), ColumnDefinition.Input("band", ColumnType.Enum("L", "C"))],
            [ColumnDefinition.Output("flux", ColumnType.Double)], "typed v2");
        var e = Assert.Throws<WorkflowException>(() => t.ChangeWorkflow(changed));
        Assert.Equal("n", e.Column);
        Assert.Equal(before, Snapshot(t));
        Assert.Equal(Typed().Hash, t.Workflow.Hash);
    }
}

using System.Text.Json.Nodes;
using Stoa.Provenance;

namespace Stoa.Worktables.Provenance.Tests;

public sealed class WorktableProvenanceExportTests : IDisposable
{
    private readonly ScratchTable _s = new();

    public void Dispose() => _s.Dispose();

    /// <summary>
    /// The host's former ids came from the display text (names cut at 16 characters, numbers at 6 significant
    /// digits): these four rows all read "NGC 1068 region …/59000.1" there.
    /// </summary>
    [Theory]
    [InlineData(ProvFormat.Json)]
    [InlineData(ProvFormat.ProvN)]
    public void Rows_Whose_Keys_Agree_In_Their_Displayed_Prefix_Get_Distinct_Ids(ProvFormat format)
    {
        _s.Table.AddRows(
        [
            new Dictionary<string, object?> { ["name"] = "NGC 1068 region A", ["epoch"] = 59000.1234 },
            new Dictionary<string, object?> { ["name"] = "NGC 1068 region B", ["epoch"] = 59000.1234 },
            new Dictionary<string, object?> { ["name"] = "NGC 1068 region A", ["epoch"] = 59000.1239 },
            new Dictionary<string, object?> { ["name"] = "NGC 1068 region A/B", ["epoch"] = 59000.1234 },
        ]);

        var ids = _s.Table.Rows().Select(r => WorktableProvenanceExport.RowId(_s.Table, r)).ToList();
        Assert.Equal(4, ids.Distinct().Count());

        // And the written document (read back by the strict reader) holds four row entities with those ids.
        using var stream = new MemoryStream();
        WorktableProvenanceExport.Write(_s.Table, format, stream);
        stream.Position = 0;
        var doc = ProvenanceReader.Read(stream, format);
        var rows = doc.Records.OfType<ProvEntity>()
            .Where(e => e.Attributes.Any(a => a.Name == ProvVocabulary.Type && a.Value.Equals(ProvValue.QualifiedName(StoaNamespaces.Stoa["WorktableRow"]))))
            .Select(e => e.Id.Uri)
            .ToList();
        Assert.Equal(ids.Select(i => i.Uri).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_Key_Reads_As_Its_Values_Never_Shortened()
    {
        var id = _s.Table.AddRow(new Dictionary<string, object?> { ["name"] = "NGC 1068/north \\ a much longer name", ["epoch"] = 59000.123456789 });
        var key = WorktableProvenanceExport.RowKey(_s.Table, _s.Table.GetRow(id));
        Assert.Equal("NGC 1068\\/north \\\\ a much longer name/59000.123456789", key);
    }

    [Fact]
    public void A_Table_Without_Key_Names_Rows_By_Row_Id()
    {
        var workflow = Workflow.WorkflowDefinition.FromColumns("w", [Model.ColumnDefinition.Input("x", Model.ColumnType.Int)], [], "w");
        var table = _s.Project.CreateTable("plain", workflow);
        var id = table.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), WorktableProvenanceExport.RowKey(table, table.GetRow(id)));
    }

    [Fact]
    public async Task A_Run_Row_Has_Its_Run_Plan_User_And_Outputs_A_Pending_Row_No_Outputs()
    {
        var ran = _s.Table.AddRow(new Dictionary<string, object?> { ["name"] = "a", ["epoch"] = 2.0 });
        await _s.Table.RecomputeAsync(ScratchTable.Measure());
        var pending = _s.Table.AddRow(new Dictionary<string, object?> { ["name"] = "b", ["epoch"] = 4.0 });

        var upstream = new WorktableRowReference("images", "1");
        var rows = WorktableProvenanceExport.Rows(_s.Table, new WorktableProvenanceOptions { User = "alice", UpstreamRows = r => r.RowId == ran ? [upstream] : [] })
            .ToDictionary(r => r.RowKey);
        var a = rows["a/2"];
        Assert.Equal("success", a.RunState);
        Assert.NotNull(a.RunId);
        Assert.Equal("alice", a.User);
        Assert.Equal(ProvValue.Double(1.0), Assert.Single(a.Outputs).Value);
        Assert.Equal([upstream], a.UpstreamRows);
        Assert.Equal(40, a.WorkflowSha1.Length);

        var b = rows["b/4"];
        Assert.Null(b.RunId);
        Assert.Null(b.RunState);
        Assert.Empty(b.Outputs);
        Assert.Equal(2, b.Inputs.Count);
        Assert.True(_s.Table.GetRow(pending).Status == Model.RowStatus.Pending);

        using var stream = new MemoryStream();
        Assert.True(WorktableProvenanceExport.Write(_s.Table, ProvFormat.Turtle, stream) > 10);
    }

    [Theory]
    [InlineData("json", ProvFormat.Json)]
    [InlineData("PROV-N", ProvFormat.ProvN)]
    [InlineData("ttl", ProvFormat.Turtle)]
    [InlineData("nt", ProvFormat.NTriples)]
    [InlineData("prov-xml", ProvFormat.Xml)]
    public void Format_Names_Parse(string text, ProvFormat expected)
    {
        Assert.True(WorktableProvenanceExport.TryParseFormat(text, out var format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public void An_Unknown_Format_Name_Does_Not_Parse() => Assert.False(WorktableProvenanceExport.TryParseFormat("rdf", out _));

    [Fact]
    public void A_String_That_Reads_As_Json_Is_Written_As_Json()
    {
        Assert.NotEqual(WorktableProvenanceExport.RowKey([JsonValue.Create("42")]), WorktableProvenanceExport.RowKey([JsonValue.Create(42L)]));
        Assert.NotEqual(WorktableProvenanceExport.RowKey([JsonValue.Create("null")]), WorktableProvenanceExport.RowKey([null]));
        Assert.Equal("NGC 1068", WorktableProvenanceExport.RowKey([JsonValue.Create("NGC 1068")]));
    }
}

using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Bundles;

/// <summary>
/// Bundles in the layout the original STOA's worktable.py writes (written here by the test, after reading
/// STOA's own example): a <c>__bindex__</c> first column, <c>I_/O_/K_</c> type codes, a blank UCD line, one
/// physical row per element of a list output, links.txt with two empty lines and no tracking.txt.
/// </summary>
public sealed class StoaLayoutTests
{
    /// <summary>A tool like STOA's example: <c>find</c>, whose stdout STOA split into one path per row.</summary>
    internal const string FindTool = """
        cwlVersion: v1.0
        class: CommandLineTool
        baseCommand: find
        stdout: list.txt
        arguments:
          - position: 0
            valueFrom: '/data'
          - position: 1
            valueFrom: '-name'
        inputs:
          foldername:
            type: string
            inputBinding:
              position: 2
        outputs:
          pathname:
            type: stdout
        """;

    internal const string FindTable = "__bindex__ foldername pathname\nK_int I_str O_str\n  \n" +
        "0 product /data/a/product\n0 product /data/b/product\n0 product \"/data/with space/product\"\n" +
        "1 calibrated /data/c/calibrated\n" +
        "2 raw -\n";

    /// <summary>Writes a zip with STOA's entries; <paramref name="tracking"/> null leaves tracking.txt out, as STOA's example does.</summary>
    internal static string Write(string path, string table, string workflow = FindTool, string? tracking = null)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string text)
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }

        Entry("links.txt", "\n\n");
        Entry("table.txt", table);
        Entry("workflow.cwl", workflow);
        Entry("template.yml", "foldername: product\n");
        if (tracking is not null)
        {
            Entry("tracking.txt", tracking);
        }

        return path;
    }

    [Fact]
    public void Expanded_rows_of_one_batch_index_are_one_row_with_its_outputs_and_status()
    {
        using var s = new ScratchProject();
        var t = s.Project.ImportWtx(Write(Path.Combine(s.Directory, "find.wtx"), FindTable), "find");
        Assert.Equal(["foldername", "pathname"], t.Columns.Select(c => c.Name));
        var rows = t.Rows().ToList();
        Assert.Equal(["product", "calibrated", "raw"], rows.Select(r => (string)r["foldername"]!));

        // Without tracking.txt STOA reads every row COMPLETE; a row with no output value was never run.
        Assert.Equal([RowStatus.Succeeded, RowStatus.Succeeded, RowStatus.Pending], rows.Select(r => r.Status));
        var stdout = (JsonObject)rows[0]["pathname"]!;
        Assert.Equal("pathname.txt", (string?)stdout["basename"]);
        Assert.Equal("/data/a/product\n/data/b/product\n/data/with space/product\n", File.ReadAllText((string)stdout["location"]!));
        Assert.Equal("/data/c/calibrated\n", File.ReadAllText((string)((JsonObject)rows[1]["pathname"]!)["location"]!));
        Assert.Empty(t.RowsToRecompute().Intersect([rows[0].RowId, rows[1].RowId]));
    }

    [Fact]
    public void Tracking_statuses_apply_per_physical_row_and_a_pending_one_makes_its_row_pending()
    {
        using var s = new ScratchProject();
        var tracking = "COMPLETE\nCOMPLETE\nPENDING\nCOMPLETE\nPENDING\n";
        var t = s.Project.ImportWtx(Write(Path.Combine(s.Directory, "find.wtx"), FindTable, tracking: tracking), "find");
        Assert.Equal([RowStatus.Pending, RowStatus.Succeeded, RowStatus.Pending], t.Rows().Select(r => r.Status));
    }

    [Fact]
    public void A_list_output_declared_as_an_array_takes_one_item_per_physical_row()
    {
        using var s = new ScratchProject();
        var workflow = FindTool.Replace("type: stdout", "type: int[]\n    outputBinding: {glob: list.txt, loadContents: true, outputEval: '$([1])'}", StringComparison.Ordinal)
            .Replace("cwlVersion: v1.0", "cwlVersion: v1.0\nrequirements:\n  InlineJavascriptRequirement: {}", StringComparison.Ordinal);
        var table = "__bindex__ foldername pathname\nK_int I_str O_int\n\n0 a 1\n0 a 2\n0 a 3\n1 b 4\n";
        var t = s.Project.ImportWtx(Write(Path.Combine(s.Directory, "n.wtx"), table, workflow), "n");
        var rows = t.Rows().ToList();
        Assert.Equal([[1L, 2L, 3L], [4L]], rows.Select(r => r["pathname"]!.AsArray().Select(v => (long)v!).ToArray()));
        Assert.All(rows, r => Assert.Equal(RowStatus.Succeeded, r.Status));
    }

    [Theory]
    [InlineData("__bindex__ foldername pathname\nK_int I_int O_str\n\n0 a b\n", 2, "foldername", "type 'I_int'")]
    [InlineData("__bindex__ foldername pathname\nK_int O_str O_str\n\n0 a b\n", 2, "foldername", "type 'O_str'")]
    [InlineData("__bindex__ foldername pathname\nK_int I_str O_str\n\n0 a b\n0 c d\n", 5, "foldername", "must repeat one input row")]
    [InlineData("__bindex__ foldername pathname\nK_int I_str O_str\n\nx a b\n", 4, "__bindex__", "not a batch index")]
    public void Malformed_stoa_tables_are_refused_naming_line_and_column(string table, int line, string column, string problem)
    {
        using var s = new ScratchProject();
        var e = Assert.Throws<WtxFormatException>(() => s.Project.ImportWtx(Write(Path.Combine(s.Directory, "bad.wtx"), table), "bad"));
        Assert.Equal(("table.txt", line), (e.Entry, e.Line));
        Assert.Contains(column, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Empty(s.Project.TableNames);
    }
}

using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Stoa.Worktables.Bundles;

namespace Stoa.Worktables.Tests.Bundles;

/// <summary>table.txt written by the exporter reads back to the same cells, whatever the values.</summary>
public sealed class WtxTablePropertiesTests
{
    private static readonly WtxColumn[] Columns =
    [
        new("text", "string?", "meta.note", null),
        new("value", "double?", null, "Jy"),
        new("count", "long?", "meta.number", null),
    ];

    private static WtxTableFile RoundTrip(IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        using var w = new StringWriter { NewLine = "\n" };
        WtxTableFile.Write(w, Columns, rows);
        using var s = new MemoryStream(new UTF8Encoding(false).GetBytes(w.ToString()));
        return WtxTableFile.Parse(WtxText.Read("p.wtx", "table.txt", s));
    }

    /// <summary>Strings with spaces, quotes, backslashes, line breaks, '#', '-', "" and lone surrogates; nulls; numbers.</summary>
    [Property(MaxTest = 300)]
    public bool TableText_RoundTrip_Meets_Specification(string?[] texts, double[] values, long[] counts)
    {
        var rows = new List<IReadOnlyList<string?>>();
        for (var i = 0; i < texts.Length; i++)
        {
            string? value = values.Length == 0 || i % 4 == 3 ? null : values[i % values.Length].ToString("R", CultureInfo.InvariantCulture);
            string? count = counts.Length == 0 || i % 5 == 4 ? null : counts[i % counts.Length].ToString(CultureInfo.InvariantCulture);
            rows.Add([texts[i], value, count]);
        }

        var back = RoundTrip(rows);
        return back.Columns.SequenceEqual(Columns)
            && back.Rows.Count == rows.Count
            && back.Rows.Zip(rows).All(p => p.First.Cells.SequenceEqual(p.Second));
    }

    [Fact]
    public void Special_strings_are_quoted_and_read_back()
    {
        string?[] texts = ["-", "", "#tag", "a b", "tab\there", "line\nbreak", "quote\"d", "back\\slash", "\ud800", "\"", null, "plain"];
        var back = RoundTrip([.. texts.Select(t => (IReadOnlyList<string?>)[t, "1", "2"])]);
        Assert.Equal(texts, back.Rows.Select(r => r.Cells[0]));
    }

    [Fact]
    public void Unlabelled_three_line_headers_tabs_and_runs_of_spaces_are_accepted()
    {
        var text = "obs_id\tra  dec\nstring double\t\tdouble\nmeta.id - pos.eq.dec\n\n# a comment\nobs-1 \t 1.5   2.5\n";
        using var s = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var file = WtxTableFile.Parse(WtxText.Read("p.wtx", "table.txt", s));
        Assert.Equal(["obs_id", "ra", "dec"], file.Columns.Select(c => c.Name));
        Assert.Equal(["string", "double", "double"], file.Columns.Select(c => c.Type));
        Assert.Equal(["meta.id", null, "pos.eq.dec"], file.Columns.Select(c => c.Ucd));
        var row = Assert.Single(file.Rows);
        Assert.Equal(6, row.Line);
        Assert.Equal(["obs-1", "1.5", "2.5"], row.Cells);
    }
}

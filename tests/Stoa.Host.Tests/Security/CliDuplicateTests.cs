using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 14 on the command line: a column given twice (<c>set … x=5 x=6</c>, a CSV header <c>name,name</c>)
/// is refused naming it, and a duplicate key in a CSV names the file's own line.
/// </summary>
public sealed class CliDuplicateTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-sec-dup-");

    public CliDuplicateTests()
    {
        _scratch.Ok("table", "new", "t", "square.cwl", "--key", "name");
        _scratch.Ok("table", "add", "t", "name=a", "x=2");
    }

    public void Dispose() => _scratch.Dispose();

    private string Rows() => _scratch.Stoa("table", "show", "t", "--json").Stdout;

    [Theory]
    [InlineData("set", "t", "1", "x=5", "x=6")]
    [InlineData("set", "t", "1", "x=5", "x=5")]
    [InlineData("add", "t", "name=b", "x=1", "name=c")]
    public void A_Column_Given_Twice_Is_Refused_Naming_Both(params string[] args)
    {
        var before = Rows();

        var (rc, stdout, stderr) = _scratch.Stoa(["table", .. args]);

        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        var twice = args.Skip(2).Where(a => a.Contains('=', StringComparison.Ordinal)).GroupBy(a => a.Split('=')[0]).Single(g => g.Count() > 1);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"column '{twice.Key}' is given twice ('{twice.First()}' and '{twice.Last()}')", line, StringComparison.Ordinal);
        Assert.Equal(before, Rows());
    }

    [Theory]
    [InlineData("name,x,x\nb,1,2\n", "CSV line 1, column 'x'", "the header names column 'x' 2 times")]
    [InlineData("name,x\nb,1\nc,2\nd,3\nb,4\n", "CSV line 5", "another row already has this key")]   // header is line 1; 'b' again on line 5
    public void A_Csv_With_A_Column_Or_Key_Twice_Is_Refused_Naming_The_Files_Own_Line(string csv, string where, string why)
    {
        File.WriteAllText(Path.Combine(_scratch.Dir, "rows.csv"), csv);
        var before = Rows();

        var (rc, _, stderr) = _scratch.Stoa("table", "import", "t", "rows.csv");

        Assert.Equal(2, rc);
        Assert.Contains(where, stderr, StringComparison.Ordinal);
        Assert.Contains(why, stderr, StringComparison.Ordinal);
        Assert.Equal(before, Rows());
    }
}

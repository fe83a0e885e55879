using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 13 on the command line: a table name that is not an identifier (such as <c>a/b</c>, listed in the web
/// app but unreachable at <c>/t/a/b</c>) is refused by <c>table new</c> and by a .wtx import, exit 2, nothing created.
/// </summary>
public sealed class TableNameTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-sec-name-");

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a b")]
    [InlineData("a?b")]
    public void Table_New_Refuses_A_Name_That_Is_Not_An_Identifier(string name)
    {
        _scratch.Ok("table", "new", "ok", "square.cwl");

        var (rc, stdout, stderr) = _scratch.Stoa("table", "new", name, "square.cwl");

        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        Assert.Equal($"stoa table new: table name '{name}': use letters, digits, '_', '-' and '.', starting with a letter, digit or '_', at most 128 characters.", stderr.Trim());
        Assert.Equal("ok", _scratch.Stoa("table", "show").Stdout.Trim());
    }

    [Fact]
    public void A_Wtx_Import_Refuses_A_Name_That_Is_Not_An_Identifier()
    {
        _scratch.Ok("table", "new", "src", "square.cwl");
        _scratch.Ok("table", "export", "src", "-f", "wtx", "-o", "src.wtx");

        var (rc, _, stderr) = _scratch.Stoa("table", "import", "a/b", "src.wtx");

        Assert.Equal(2, rc);
        Assert.Contains("table name 'a/b'", stderr, StringComparison.Ordinal);
        Assert.Equal("src", _scratch.Stoa("table", "show").Stdout.Trim());
        Assert.False(Directory.Exists(Path.Combine(_scratch.Dir, "p.stoa-bundles", "a")));
    }
}

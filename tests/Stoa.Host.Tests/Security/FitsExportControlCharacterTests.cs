using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 10 on the command line: a string cell holding U+0001, exported to FITS, is a one-line error naming
/// the row and column (exit 2), with the control character written as an escape, and no file is left behind.
/// </summary>
public sealed class FitsExportControlCharacterTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-sec-fits-");

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("a\u0001b", "U+0001", "a\\u0001b")]
    [InlineData("two\nlines", "U+000A", "two\\u000Alines")]
    [InlineData("\u001b[2Jcleared", "U+001B", "\\u001B[2Jcleared")]
    public void A_Control_Character_In_A_String_Cell_Is_Named_By_Row_And_Column(string name, string code, string escaped)
    {
        _scratch.Ok("table", "new", "t", "square.cwl");
        _scratch.Ok("table", "add", "t", "name=fine", "x=1");
        _scratch.Ok("table", "add", "t", $"name={name}", "x=2");

        var (rc, stdout, stderr) = _scratch.Stoa("table", "export", "t", "-f", "fits", "-o", "t.fits");

        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("stoa table export: row 2, column 'name': value '" + escaped + "':", line, StringComparison.Ordinal);
        Assert.Contains($"control character {code}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(stderr.TrimEnd('\n'), char.IsControl);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_scratch.Dir, "t.fits")));
    }
}

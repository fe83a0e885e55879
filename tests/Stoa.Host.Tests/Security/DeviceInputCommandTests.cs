using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue 16 row 2 from the command line: a File cell naming a device or FIFO is bad input (exit 2, one line, the
/// row not added). On e3a5a15 <c>stoa table add t f=/dev/zero</c> hashed /dev/zero until it was killed.
/// </summary>
public sealed class DeviceInputCommandTests : IDisposable
{
    private readonly ScratchProject _s = new("stoa-device-");

    public void Dispose() => _s.Dispose();

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/random")]
    public void A_device_as_a_file_input_is_refused(string device)
    {
        File.WriteAllText(Path.Combine(_s.Dir, "cat.cwl"), ScratchProject.CatTool);
        _s.Ok("table", "new", "t", "cat.cwl");
        var (rc, stdout, stderr) = _s.Stoa("table", "add", "t", "f=" + device);
        Assert.Equal(2, rc);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("column 'f'", line, StringComparison.Ordinal);
        Assert.Contains("not a regular file", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("\"rows\": []", _s.Stoa("table", "show", "t", "--json").Stdout, StringComparison.Ordinal);
    }
}

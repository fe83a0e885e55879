using System.Globalization;
using System.Text.Json.Nodes;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// <c>stoa table recompute --backend slurm</c> against the real single-node Slurm that test.sh starts
/// (eng/services/slurm/up.sh). Without a reachable Slurm this test fails rather than pass vacuously.
/// </summary>
public sealed class TableRecomputeSlurmTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-slurm-table-");

    public void Dispose() => _scratch.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => _scratch.Stoa(args);

    [Fact]
    public void Rows_And_A_Linked_Child_Run_As_Slurm_Jobs()
    {
        Assert.Equal(0, Stoa("table", "new", "parent", "square.cwl", "--key", "name").ExitCode);
        Assert.Equal(0, Stoa("table", "new", "child", "square.cwl", "--key", "name").ExitCode);
        foreach (var (name, x) in new[] { ("a", 2), ("b", 3) })
        {
            Assert.Equal(0, Stoa("table", "add", "parent", $"name={name}", $"x={x}").ExitCode);
            Assert.Equal(0, Stoa("table", "add", "child", $"name={name}", "x=1").ExitCode);
        }

        Assert.Equal(0, Stoa("table", "link", "child", "--column", "x", "--from", "parent.sq").ExitCode);
        var control = Path.Combine(_scratch.Dir, "slurm-control");

        var (rc, stdout, stderr) = Stoa("table", "recompute", "--all", "--json", "--backend", "slurm", "--slurm-partition", "debug", "--slurm-control-dir", control);

        Assert.True(rc == 0, stdout + stderr);
        var submissions = stderr.Split('\n').Single(l => l.StartsWith("slurm: ", StringComparison.Ordinal));
        Assert.True(int.Parse(submissions.Split(' ')[1], CultureInfo.InvariantCulture) >= 2, submissions);   // parent rows, then child rows
        Assert.NotEmpty(Directory.EnumerateFiles(control, "*", SearchOption.AllDirectories));               // the generated batch scripts
        var show = JsonNode.Parse(Stoa("table", "show", "child", "--json").Stdout)!;
        Assert.Equal([16L, 81L], show["rows"]!.AsArray().Select(r => (long)r!["outputs"]!["sq"]!).Order());
    }
}

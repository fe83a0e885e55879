using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue 16 row 2: only regular files (and directories of them) are ever read as inputs. On e3a5a15 a cell naming
/// /dev/zero hashed forever, one core busy; a FIFO blocked on open until a writer came.
/// </summary>
public sealed class SpecialFileInputTests
{
    private static WorkflowDefinition Reader() => WorkflowDefinition.FromColumns(
        "reader", [ColumnDefinition.Input("f", ColumnType.File)], [ColumnDefinition.Output("n", ColumnType.Long)], "reader");

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    [InlineData("/dev/urandom")]
    public async Task A_device_is_refused_with_a_clear_error(string device)
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", Reader());
        var e = await Refused(() => t.AddRow(new Dictionary<string, object?> { ["f"] = device }));
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
        Assert.Empty(t.Rows());
    }

    /// <summary>Runs <paramref name="act"/> on another thread so a hang fails the test instead of blocking the run.</summary>
    private static async Task<CellException> Refused(Action act)
    {
        var task = Task.Run(act);
        Assert.Same(task, await Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(2))));
        return await Assert.ThrowsAnyAsync<CellException>(() => task);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_opening_it()
    {
        using var s = new ScratchProject();
        var fifo = Path.Combine(s.Directory, "pipe");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mk.WaitForExit();
        }

        var t = s.Project.CreateTable("t", Reader());
        var e = await Refused(() => t.AddRow(new Dictionary<string, object?> { ["f"] = fifo }));
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_holding_a_fifo_is_refused()
    {
        using var s = new ScratchProject();
        var dir = Directory.CreateDirectory(Path.Combine(s.Directory, "d")).FullName;
        File.WriteAllText(Path.Combine(dir, "ok.txt"), "ok");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", Path.Combine(dir, "pipe")))
        {
            mk.WaitForExit();
        }

        var wf = WorkflowDefinition.FromColumns("dirs", [ColumnDefinition.Input("d", ColumnType.Directory)], [ColumnDefinition.Output("n", ColumnType.Long)], "dirs");
        var t = s.Project.CreateTable("t", wf);
        await Refused(() => t.AddRow(new Dictionary<string, object?> { ["d"] = new DirectoryInfo(dir) }));
    }

    [Fact]
    public void A_secondary_file_is_part_of_the_row_identity()
    {
        using var s = new ScratchProject();
        var main = s.WriteFile("map.fits", "main");
        var index = s.WriteFile("map.fits.idx", "index v1");
        var t = s.Project.CreateTable("t", Reader());
        var cell = JsonNode.Parse($$"""{"class":"File","location":"{{main}}","secondaryFiles":[{"class":"File","location":"{{index}}"}]}""");
        var id = t.AddRow(new Dictionary<string, object?> { ["f"] = cell });
        Assert.StartsWith("sha1$", (string)t.GetRow(id)["f"]!["secondaryFiles"]![0]!["checksum"]!, StringComparison.Ordinal);
        var before = t.GetRow(id).InputHash;

        File.WriteAllText(index, "index v2");
        var check = t.CheckFiles();
        Assert.Equal([id], check.RowsChanged);
        Assert.NotEqual(before, t.GetRow(id).InputHash);
        Assert.Contains(t.GetRow(id).Reasons, r => r.StartsWith("input f changed", StringComparison.Ordinal));
    }
}

using Stoa.Cwl.Containers;

namespace Stoa.Cwl.Tests.Containers;

/// <summary>Which host paths a tool's container sees, and how (no container engine needed).</summary>
public sealed class ContainerMountsTests : ScratchDirectory
{
    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(Dir, name)).FullName;

    [Fact]
    public void Link_Targets_Are_Mounted_Read_Only_Once_Parents_First_Without_A_Staging_Folder()
    {
        var (outdir, tmpdir, data) = (Folder("out"), Folder("tmp"), Folder("data"));
        Directory.CreateDirectory(Path.Combine(data, "inner"));
        File.WriteAllText(Path.Combine(data, "inner", "a.txt"), "a");
        File.CreateSymbolicLink(Path.Combine(outdir, "inner"), Path.Combine(data, "inner"));
        File.CreateSymbolicLink(Path.Combine(outdir, "a.txt"), Path.Combine(data, "inner", "a.txt"));
        File.CreateSymbolicLink(Path.Combine(outdir, "dangling"), Path.Combine(data, "missing"));

        var mounts = ContainerMounts.Collect(outdir, tmpdir, Path.Combine(Dir, "stage"), writableLinks: false, []);

        Assert.Equal(
            [new(outdir, outdir, false), new(tmpdir, tmpdir, false), new(Path.Combine(data, "inner"), Path.Combine(data, "inner"), true)],
            mounts);
    }

    [Fact]
    public void An_In_Place_Entry_Mounts_The_File_Behind_Its_Staged_Link_Writable()
    {
        var (outdir, tmpdir, stage, data) = (Folder("out"), Folder("tmp"), Folder("stage"), Folder("data"));
        var real = Path.Combine(data, "value.txt");
        File.WriteAllText(real, "1");
        Directory.CreateDirectory(Path.Combine(stage, "1"));
        var staged = Path.Combine(stage, "1", "value.txt");
        File.CreateSymbolicLink(staged, real);
        File.CreateSymbolicLink(Path.Combine(outdir, "value.txt"), staged);
        var extra = new ContainerMount(outdir, "/output", false);

        var inPlace = ContainerMounts.Collect(outdir, tmpdir, stage, writableLinks: true, [extra]);
        var readOnly = ContainerMounts.Collect(outdir, tmpdir, stage, writableLinks: false, [extra]);

        Assert.Equal(new ContainerMount(stage, stage, true), inPlace[2]);
        Assert.Equal(new ContainerMount(real, real, false), inPlace[3]);
        Assert.Equal(extra, inPlace[^1]);
        Assert.Equal(new ContainerMount(real, real, true), readOnly[3]);
    }
}

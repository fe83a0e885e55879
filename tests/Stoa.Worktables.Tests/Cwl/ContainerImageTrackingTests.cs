using System.Diagnostics;
using System.Formats.Tar;
using Stoa.Cwl;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Cwl;

/// <summary>
/// A row's identity covers the container image its tool ran in: an image rebuilt under the same name (real podman,
/// a tiny image imported from a root file system, as eng/container-images.sh makes them) makes the rows Stale.
/// </summary>
public sealed class ContainerImageTrackingTests : IDisposable
{
    private readonly string _tag = "localhost/stoa-wt-image-test:" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> _imageIds = [];

    private static string Tool(string image) => $$$"""
        cwlVersion: v1.2
        class: CommandLineTool
        requirements:
          DockerRequirement: {dockerPull: "{{{image}}}"}
        baseCommand: [sh, -c, 'cat /etc/stoa-image-content', sh]
        stdout: content.txt
        inputs:
          x: {type: int, inputBinding: {position: 1}}
        outputs:
          content: {type: string, outputBinding: {glob: content.txt, loadContents: true, outputEval: "$(self[0].contents)"}}
        """;

    [Fact]
    public async Task A_rebuilt_image_makes_its_rows_stale_naming_both_ids_and_a_recompute_runs_the_new_one()
    {
        using var s = new ScratchProject();
        var first = BuildImage(s.Directory, "first\n");
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(s.WriteFile("tool.cwl", Tool(_tag))));
        var ids = t.AddRows([.. new[] { 1, 2 }.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = x })]);
        var run1 = await t.RecomputeAsync(new CwlRowExecutor());
        Assert.True(run1.Succeeded == 2, string.Join("\n", t.Rows().Select(r => r.Error)));
        Assert.Equal("first\n", (string)t.GetRow(ids[0])["content"]!);
        var hash1 = t.GetRow(ids[0]).WorkflowHash!;
        Assert.Equal([_tag + "@" + first], t.ContainerImages(hash1));

        // Nothing changed: the check asks the engine and leaves the rows alone.
        Assert.Empty(t.CheckFiles().RowsChanged);
        Assert.All(ids, id => Assert.Equal(RowStatus.Succeeded, t.GetRow(id).Status));

        var second = BuildImage(s.Directory, "second\n");
        Assert.NotEqual(first, second);
        var check = t.CheckFiles();
        Assert.Equal([_tag], check.ChangedContainerImages);
        Assert.Equal(ids, check.RowsChanged);
        var row = t.GetRow(ids[0]);
        Assert.Equal(RowStatus.Stale, row.Status);
        Assert.Equal([$"container image {_tag} changed ({first[..19]}… → {second[..19]}…)"], row.Reasons);

        var run2 = await t.RecomputeAsync(new CwlRowExecutor());
        Assert.Equal(2, run2.Succeeded);
        row = t.GetRow(ids[0]);
        Assert.Equal(RowStatus.Succeeded, row.Status);
        Assert.Equal("second\n", (string)row["content"]!);
        Assert.NotEqual(hash1, row.WorkflowHash);
        Assert.Equal([_tag + "@" + second], t.ContainerImages(row.WorkflowHash!));
        // The old run's version still names the image it ran.
        Assert.Equal([_tag + "@" + first], t.ContainerImages(hash1));
    }

    [Fact]
    public async Task An_image_not_present_at_binding_is_obtained_before_the_rows_run_so_they_stay_succeeded()
    {
        using var s = new ScratchProject();
        var rootfs = RootFileSystem(s.Directory, "imported\n");
        var tool = Tool(_tag).Replace($"dockerPull: \"{_tag}\"", $"dockerImport: {rootfs}, dockerImageId: \"{_tag}\"", StringComparison.Ordinal);
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(s.WriteFile("tool.cwl", tool)));
        var id = t.AddRows([new Dictionary<string, object?> { ["x"] = 1 }])[0];
        Assert.Equal([_tag], t.ContainerImages(t.Workflow.Hash));

        var run = await t.RecomputeAsync(new CwlRowExecutor());
        Assert.True(run.Succeeded == 1, t.GetRow(id).Error);
        var imageId = Podman("image", "inspect", "--format", "{{.Id}}", _tag).Trim();
        _imageIds.Add(imageId);
        Assert.Equal([$"{_tag}@sha256:{imageId}"], t.ContainerImages(t.GetRow(id).WorkflowHash!));
        Assert.Empty(t.CheckFiles().RowsChanged);
        Assert.Equal(RowStatus.Succeeded, t.GetRow(id).Status);
    }

    /// <summary>Imports a busybox root file system whose /etc/stoa-image-content holds <paramref name="content"/> under the test's tag.</summary>
    private string BuildImage(string dir, string content)
    {
        var rootfs = RootFileSystem(dir, content);
        Podman("import", "--change", "CMD=[\"/bin/sh\"]", rootfs, _tag);
        var id = Podman("image", "inspect", "--format", "{{.Id}}", _tag).Trim();
        _imageIds.Add(id);
        return "sha256:" + id;
    }

    private static string RootFileSystem(string dir, string content)
    {
        Assert.True(File.Exists("/bin/busybox"), "/bin/busybox is missing (apt-get install busybox-static)");
        var root = Path.Combine(dir, "rootfs-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        File.Copy("/bin/busybox", Path.Combine(root, "bin", "busybox"));
        foreach (var applet in (string[])["sh", "cat"])
        {
            File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
        }

        File.WriteAllText(Path.Combine(root, "etc", "stoa-image-content"), content);
        var tar = root + ".tar";
        TarFile.CreateFromDirectory(root, tar, includeBaseDirectory: false);
        return tar;
    }

    private static string Podman(params string[] args)
    {
        var psi = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"podman {string.Join(' ', args)}: {stderr.Result}");
        return stdout;
    }

    public void Dispose()
    {
        foreach (var id in _imageIds.Distinct())
        {
            using var p = Process.Start(new ProcessStartInfo("podman", ["rmi", "--force", id]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            p.WaitForExit();
        }
    }
}

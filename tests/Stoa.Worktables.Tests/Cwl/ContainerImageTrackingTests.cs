using Stoa.Cwl;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Tests.Shared;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Cwl;

/// <summary>
/// A row's identity covers the container image its tool ran in: an image rebuilt under the same name (real podman,
/// a tiny image imported from a root file system, as eng/container-images.sh makes them) makes the rows Stale.
/// </summary>
public sealed class ContainerImageTrackingTests : IDisposable
{
    private readonly PodmanTestImage _image = new();

    private string Tag => _image.Tag;

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
        var first = _image.Build("first\n");
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(s.WriteFile("tool.cwl", Tool(Tag))));
        var ids = t.AddRows([.. new[] { 1, 2 }.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = x })]);
        var run1 = await t.RecomputeAsync(new CwlRowExecutor());
        Assert.True(run1.Succeeded == 2, string.Join("\n", t.Rows().Select(r => r.Error)));
        Assert.Equal("first\n", (string)t.GetRow(ids[0])["content"]!);
        var hash1 = t.GetRow(ids[0]).WorkflowHash!;
        Assert.Equal([Tag + "@" + first], t.ContainerImages(hash1));

        // Nothing changed: the check asks the engine and leaves the rows alone.
        Assert.Empty(t.CheckFiles().RowsChanged);
        Assert.All(ids, id => Assert.Equal(RowStatus.Succeeded, t.GetRow(id).Status));

        var second = _image.Build("second\n");
        Assert.NotEqual(first, second);
        var check = t.CheckFiles();
        Assert.Equal([Tag], check.ChangedContainerImages);
        Assert.Equal(ids, check.RowsChanged);
        var row = t.GetRow(ids[0]);
        Assert.Equal(RowStatus.Stale, row.Status);
        Assert.Equal([$"container image {Tag} changed ({first[..19]}… → {second[..19]}…)"], row.Reasons);

        var run2 = await t.RecomputeAsync(new CwlRowExecutor());
        Assert.Equal(2, run2.Succeeded);
        row = t.GetRow(ids[0]);
        Assert.Equal(RowStatus.Succeeded, row.Status);
        Assert.Equal("second\n", (string)row["content"]!);
        Assert.NotEqual(hash1, row.WorkflowHash);
        Assert.Equal([Tag + "@" + second], t.ContainerImages(row.WorkflowHash!));
        // The old run's version still names the image it ran.
        Assert.Equal([Tag + "@" + first], t.ContainerImages(hash1));
    }

    [Fact]
    public async Task An_image_not_present_at_binding_is_obtained_before_the_rows_run_so_they_stay_succeeded()
    {
        using var s = new ScratchProject();
        var rootfs = _image.RootFileSystem("imported\n");
        var tool = Tool(Tag).Replace($"dockerPull: \"{Tag}\"", $"dockerImport: {rootfs}, dockerImageId: \"{Tag}\"", StringComparison.Ordinal);
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(s.WriteFile("tool.cwl", tool)));
        var id = t.AddRows([new Dictionary<string, object?> { ["x"] = 1 }])[0];
        Assert.Equal([Tag], t.ContainerImages(t.Workflow.Hash));

        var run = await t.RecomputeAsync(new CwlRowExecutor());
        Assert.True(run.Succeeded == 1, t.GetRow(id).Error);
        Assert.Equal([$"{Tag}@{_image.CurrentId()}"], t.ContainerImages(t.GetRow(id).WorkflowHash!));
        Assert.Empty(t.CheckFiles().RowsChanged);
        Assert.Equal(RowStatus.Succeeded, t.GetRow(id).Status);
    }

    public void Dispose() => _image.Dispose();
}

using Stoa.Provenance;
using Stoa.Tests.Shared;
using Stoa.Worktables.Cwl;

namespace Stoa.Worktables.Provenance.Tests;

/// <summary>The container image a row's run used is in the row's PROV: an entity by its id, used by the run.</summary>
public sealed class ContainerImageProvenanceTests : IDisposable
{
    private readonly PodmanTestImage _image = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-wtprov-image-").FullName;

    [Theory]
    [InlineData(ProvFormat.Json)]
    [InlineData(ProvFormat.ProvN)]
    public async Task The_run_of_a_row_uses_the_image_entity_named_by_its_id(ProvFormat format)
    {
        var first = _image.Build("first\n");
        var tool = Path.Combine(_dir, "tool.cwl");
        File.WriteAllText(tool, $$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements:
              DockerRequirement: {dockerPull: "{{{_image.Tag}}}"}
            baseCommand: [cat, /etc/stoa-image-content]
            stdout: content.txt
            inputs:
              x: int
            outputs:
              content: stdout
            """);
        await using var project = WorktableProject.Open(Path.Combine(_dir, "p.stoa"));
        var table = project.CreateTable("t", CwlWorkflow.Load(tool));
        table.AddRows([new Dictionary<string, object?> { ["x"] = 1 }, new Dictionary<string, object?> { ["x"] = 2 }]);
        Assert.Equal(2, (await table.RecomputeAsync(new CwlRowExecutor())).Succeeded);
        AssertRunsUse(Export(table, format), table, first);

        // Rebuilt under the same tag: the rows run again, and their PROV names the new image, another entity.
        var second = _image.Build("second\n");
        Assert.Equal(2, (await table.RecomputeAsync(new CwlRowExecutor())).Succeeded);
        AssertRunsUse(Export(table, format), table, second);
    }

    private static ProvDocument Export(Worktable table, ProvFormat format)
    {
        using var stream = new MemoryStream();
        WorktableProvenanceExport.Write(table, format, stream);
        stream.Position = 0;
        return ProvenanceReader.Read(stream, format);
    }

    private void AssertRunsUse(ProvDocument doc, Worktable table, string imageId)
    {
        var image = Assert.Single(doc.Records.OfType<ProvEntity>(),
            e => e.Attributes.Any(a => a.Name == ProvVocabulary.Type && a.Value.Name is { } n && n.Namespace.Prefix == "stoa" && n.LocalPart == "ContainerImage"));
        Assert.Equal(imageId, image.Attributes.Single(a => a.Name.LocalPart == "imageId").Value.Lexical);
        Assert.Equal(WorktableProvenance.Images.Uri + imageId["sha256:".Length..], image.Id.Uri);
        var runs = table.Rows().Select(r => WorktableProvenance.Runs[r.RunId!].Uri).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, runs.Distinct().Count());
        var users = doc.Records.OfType<ProvRelation>().Where(r => r.Kind == ProvRelationKind.Usage && r.Terms[1] == image.Id)
            .Select(r => r.Terms[0]!.Value.Uri).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(runs, users);

        // And, as cwltool's CWLProv writes it, each run is associated with the container as a SoftwareAgent naming the image.
        var agents = doc.Records.OfType<ProvAgent>().Where(a => a.Attributes.Any(x => x.Name.Namespace.Prefix == "cwlprov" && x.Name.LocalPart == "image")).ToList();
        Assert.Equal(2, agents.Count);
        Assert.All(agents, a => Assert.Equal(_image.Tag, a.Attributes.Single(x => x.Name.LocalPart == "image").Value.Lexical));
    }

    public void Dispose()
    {
        _image.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

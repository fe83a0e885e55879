namespace Stoa.Cwl.Tests.Containers;

/// <summary>The images a document names, and their ids in the real podman (images of eng/container-images.sh).</summary>
public sealed class CwlContainerImagesTests : ScratchDirectory
{
    [Fact]
    public void Names_Come_From_Requirements_And_Hints_Of_Every_Loaded_Document_In_Both_Forms()
    {
        Write("tool.cwl", """
            cwlVersion: v1.2
            class: CommandLineTool
            hints: [{class: DockerRequirement, dockerPull: docker.io/alpine:latest}]
            baseCommand: "true"
            inputs: []
            outputs: []
            """);
        var main = Write("main.cwl", """
            cwlVersion: v1.2
            class: Workflow
            inputs: []
            outputs: []
            steps:
              a:
                run: tool.cwl
                in: []
                out: []
              b:
                run:
                  class: CommandLineTool
                  requirements: {DockerRequirement: {dockerPull: docker.io/debian:stable-slim}}
                  baseCommand: "true"
                  inputs: []
                  outputs: []
                in: []
                out: []
              c:
                run:
                  class: CommandLineTool
                  requirements: {DockerRequirement: {dockerFile: "FROM docker.io/debian:stable-slim\n", dockerImageId: "localhost/built:1"}}
                  baseCommand: "true"
                  inputs: []
                  outputs: []
                in: []
                out: []
            """);

        Assert.Equal(["docker.io/alpine:latest", "docker.io/debian:stable-slim", "localhost/built:1"], CwlContainerImages.Names(CwlDocument.Load(main)));
    }

    [Fact]
    public async Task Ids_Are_The_Engines_And_Null_For_An_Image_It_Does_Not_Hold()
    {
        var ids = CwlContainerImages.ResolveIds(["docker.io/debian:stable-slim", "localhost/stoa-no-such-image:" + Guid.NewGuid().ToString("N")[..8]], CwlContainerEngine.Podman);

        var debian = ids["docker.io/debian:stable-slim"];
        Assert.NotNull(debian);
        Assert.Matches("^sha256:[0-9a-f]{64}$", debian);
        Assert.Equal(debian, await Stoa.Cwl.Containers.ContainerRuntime.Find(CwlContainerEngine.Podman)!.ImageIdAsync("docker.io/debian:stable-slim"));
        Assert.Null(ids.Single(kv => kv.Key.StartsWith("localhost/", StringComparison.Ordinal)).Value);
        Assert.All(CwlContainerImages.ResolveIds(["docker.io/debian:stable-slim"], CwlContainerEngine.None), kv => Assert.Null(kv.Value));
    }
}

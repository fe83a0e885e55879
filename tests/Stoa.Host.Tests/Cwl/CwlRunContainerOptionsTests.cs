namespace Stoa.Host.Tests.Cwl;

/// <summary>`stoa cwl run --container-engine` / `--no-container`: what the host parses and how it reports.</summary>
public sealed class CwlRunContainerOptionsTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("stoa-cwl-containers-").FullName;

    private const string Required = "cwlVersion: v1.2\nclass: CommandLineTool\nrequirements: {DockerRequirement: {dockerPull: docker.io/debian:stable-slim}}\nbaseCommand: [touch, ran]\ninputs: []\noutputs: []\n";

    [Fact]
    public void An_Unknown_Container_Engine_Is_A_One_Line_Usage_Error()
    {
        File.WriteAllText(Path.Combine(work, "t.cwl"), Required);

        var (code, _, stderr) = StoaProcess.Run(work, null, "cwl", "run", "--container-engine", "lxc", "t.cwl");

        Assert.Equal(2, code);
        Assert.Equal("stoa cwl run: --container-engine must be 'podman' or 'docker', not 'lxc'", stderr.Trim());
        Assert.False(File.Exists(Path.Combine(work, "ran")));
    }

    [Fact]
    public void No_Container_Refuses_A_Required_DockerRequirement_With_Exit_33()
    {
        File.WriteAllText(Path.Combine(work, "t.cwl"), Required);

        var (code, _, stderr) = StoaProcess.Run(work, null, "cwl", "run", "--no-container", "--outdir", "out", "t.cwl");

        Assert.Equal(33, code);
        Assert.Contains("DockerRequirement is required but containers are turned off (--no-container)", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "ran")));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}

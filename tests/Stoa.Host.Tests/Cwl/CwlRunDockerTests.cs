using System.Diagnostics;
using Stoa.Tests.Shared;

namespace Stoa.Host.Tests.Cwl;

/// <summary>`stoa cwl run --container-engine docker` against a real Docker daemon.</summary>
public sealed class CwlRunDockerTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("stoa-cwl-docker-").FullName;
    private readonly PodmanTestImage _rootfs = new();
    private readonly string _tag = "localhost/stoa-docker-test:" + Guid.NewGuid().ToString("N")[..10];

    [DockerFact]
    public void A_DockerRequirement_Tool_Runs_In_A_Docker_Container()
    {
        // dockerImport: the image is made from a local root file system by docker itself, so nothing is pulled and the
        // image exists in docker's store only.
        var rootfs = _rootfs.RootFileSystem("made for docker\n");
        File.WriteAllText(Path.Combine(_work, "t.cwl"), $$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements:
              DockerRequirement: {dockerImport: {{{rootfs}}}, dockerImageId: "{{{_tag}}}"}
            baseCommand: [cat, /etc/stoa-image-content]
            stdout: content.txt
            inputs: []
            outputs:
              content: stdout
            """);

        var (code, stdout, stderr) = StoaProcess.Run(_work, null, TimeSpan.FromMinutes(5), "cwl", "run", "--container-engine", "docker", "--outdir", "out", "t.cwl");

        Assert.True(code == 0, stderr);
        Assert.Contains("content.txt", stdout, StringComparison.Ordinal);
        Assert.Equal("made for docker\n", File.ReadAllText(Path.Combine(_work, "out", "content.txt")));
        Assert.Equal(0, Cli("docker", "image", "inspect", _tag));
        Assert.NotEqual(0, Cli("podman", "image", "exists", _tag));
    }

    private static int Cli(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }

    public void Dispose()
    {
        Cli("docker", "rmi", "--force", _tag);
        _rootfs.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

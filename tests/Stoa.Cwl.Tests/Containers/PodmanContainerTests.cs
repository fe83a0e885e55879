using System.Globalization;
using System.Text.Json.Nodes;
using Stoa.Cwl.Containers;

namespace Stoa.Cwl.Tests.Containers;

/// <summary>
/// The container layer against a real podman and the images eng/container-images.sh builds (test.sh runs it
/// first): what the tool sees inside the container, and what is left of the container afterwards.
/// </summary>
public sealed class PodmanContainerTests : ScratchDirectory
{
    private const string Image = "docker.io/debian:stable-slim";

    private static ContainerRuntime Podman()
    {
        var runtime = ContainerRuntime.Find(CwlContainerEngine.Podman)!;
        Assert.True(runtime.ImageIdAsync(Image).GetAwaiter().GetResult() is not null, $"{Image} is missing: run eng/container-images.sh as root");
        return runtime;
    }

    private async Task<CwlRunResult> RunAsync(string tool, JsonObject? inputs = null, CancellationToken cancellationToken = default, string? logs = null)
    {
        Podman();
        var engine = new CwlEngine(new CwlEngineOptions
        {
            OutputDirectory = Path.Combine(Dir, "out-" + Guid.NewGuid().ToString("N")[..6]),
            ContainerEngine = CwlContainerEngine.Podman,
            LogDirectory = logs,
        });
        return await engine.RunAsync(CwlDocument.Load(Write("tool.cwl", tool)), inputs ?? [], cancellationToken);
    }

    private static string Text(CwlRunResult result, string output)
    {
        Assert.True(result.Status == CwlJobStatus.Success, result.Message);
        return File.ReadAllText(result.Outputs![output]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Inputs_Are_Mounted_Read_Only_At_Their_Staged_Paths()
    {
        var input = Write("data.txt", "original\n");
        var result = await RunAsync($$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: {{{Image}}}}, ShellCommandRequirement: {}}
            inputs: {f: File}
            outputs: {report: stdout}
            stdout: report.txt
            arguments:
              - {valueFrom: "cat $(inputs.f.path); if echo changed >> $(inputs.f.path) 2>/dev/null; then echo writable; else echo read-only; fi", shellQuote: false}
            """, new JsonObject { ["f"] = new JsonObject { ["class"] = "File", ["path"] = input } });

        Assert.Equal("original\nread-only\n", Text(result, "report"));
        // The job's record names the image by its id, for provenance and row identity.
        Assert.Equal(Image + "@" + await Podman().ImageIdAsync(Image), result.Jobs.Single().ContainerImage);
        Assert.Equal("original\n", File.ReadAllText(input));
    }

    [Fact]
    public async Task Output_And_Temporary_Directories_Are_Writable_And_The_Environment_Is_The_Specified_One()
    {
        var result = await RunAsync($$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements:
              DockerRequirement: {dockerPull: {{{Image}}}}
              EnvVarRequirement: {envDef: {STOA_TEST: "from the requirement"}}
            inputs: []
            outputs:
              env: stdout
              made: {type: File, outputBinding: {glob: made.txt}}
            stdout: env.txt
            baseCommand: [sh, -c, 'touch "$TMPDIR/t" && echo made > made.txt && env']
            """);

        var env = Text(result, "env").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Equal("made\n", Text(result, "made"));
        var job = result.Jobs.Single();
        Assert.Equal(job.WorkingDirectory, env["HOME"]);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(job.WorkingDirectory)!, "tmp"), env["TMPDIR"]);
        Assert.Equal("from the requirement", env["STOA_TEST"]);
        // PATH is the image's, not the host's; nothing else of the host leaks in. Besides these, only what the
        // engine and the shell themselves set (podman: HOSTNAME, container, TERM; sh: PWD, SHLVL) may be there.
        Assert.Equal("/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", env["PATH"]);
        Assert.Empty(env.Keys.Except(["HOME", "TMPDIR", "PATH", "STOA_TEST", "HOSTNAME", "container", "TERM", "PWD", "SHLVL"]));
    }

    [Fact]
    public async Task Networking_Is_Off_Unless_NetworkAccess()
    {
        const string Tool = """
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: IMAGE}, NetworkAccess: {networkAccess: ACCESS}}
            inputs: []
            outputs: {nets: stdout}
            stdout: nets.txt
            baseCommand: [ls, /sys/class/net]
            """;
        var off = await RunAsync(Tool.Replace("IMAGE", Image, StringComparison.Ordinal).Replace("ACCESS", "false", StringComparison.Ordinal));
        var on = await RunAsync(Tool.Replace("IMAGE", Image, StringComparison.Ordinal).Replace("ACCESS", "true", StringComparison.Ordinal));

        Assert.Equal("lo", Text(off, "nets").Trim());
        Assert.Contains(Text(on, "nets").Split('\n', StringSplitOptions.RemoveEmptyEntries), n => n != "lo");
    }

    [Fact]
    public async Task The_Tool_Runs_As_The_Calling_User()
    {
        var result = await RunAsync($$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: {{{Image}}} } }
            inputs: []
            outputs: {ids: stdout, file: {type: File, outputBinding: {glob: owned} } }
            stdout: ids.txt
            baseCommand: [sh, -c, 'touch owned; echo "$(id -u):$(id -g)"']
            """);

        var status = File.ReadAllLines("/proc/self/status");
        string Id(string key) => status.Single(l => l.StartsWith(key, StringComparison.Ordinal)).Split('\t')[1];
        Assert.Equal($"{Id("Uid:")}:{Id("Gid:")}", Text(result, "ids").Trim());
        // What the tool writes belongs to the user on the host too.
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", result.Outputs!["file"]!["path"]!.GetValue<string>()]) { RedirectStandardOutput = true })!;
        var owner = (await stat.StandardOutput.ReadToEndAsync()).Trim();
        await stat.WaitForExitAsync();
        Assert.Equal($"{Id("Uid:")}:{Id("Gid:")}", owner);
    }

    [Fact]
    public async Task ResourceRequirement_Limits_The_Container_Memory()
    {
        var result = await RunAsync($$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: {{{Image}}}}, ResourceRequirement: {ramMin: 100, coresMin: 1}}
            inputs: []
            outputs: {limit: stdout}
            stdout: limit.txt
            baseCommand: [sh, -c, 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max']
            """);

        Assert.Equal((100L * 1024 * 1024).ToString(CultureInfo.InvariantCulture), Text(result, "limit").Trim());
    }

    [Fact]
    public async Task Cancellation_Removes_The_Container()
    {
        var logs = Path.Combine(Dir, "logs");
        var runtime = Podman();
        using var cts = new CancellationTokenSource();
        string? name = null;
        var run = RunAsync($$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: {{{Image}}}}}
            inputs: []
            outputs: []
            baseCommand: [sleep, "600"]
            """, cancellationToken: cts.Token, logs: logs);

        // The container's name is in the logged command; wait (bounded) until podman lists it, then cancel.
        for (var i = 0; i < 600 && name is null; i++)
        {
            await Task.Delay(100);
            var command = Path.Combine(logs, "job-1", "command.txt");
            if (File.Exists(command) && ContainerName(File.ReadAllText(command)) is { } n && await runtime.ContainerExistsAsync(n))
            {
                name = n;
            }
        }

        Assert.NotNull(name);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(await runtime.ContainerExistsAsync(name), $"container {name} survived the cancellation");
    }

    [Fact]
    public async Task ToolTimeLimit_Kills_And_Removes_The_Container()
    {
        var logs = Path.Combine(Dir, "logs");
        var result = await RunAsync($$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: {{{Image}}}}, ToolTimeLimit: {timelimit: 3}}
            inputs: []
            outputs: []
            baseCommand: [sleep, "600"]
            """, logs: logs);

        Assert.Equal(CwlJobStatus.PermanentFailure, result.Status);
        Assert.Contains("time limit", result.Message, StringComparison.Ordinal);
        var name = ContainerName(File.ReadAllText(Path.Combine(logs, "job-1", "command.txt")))!;
        Assert.False(await Podman().ContainerExistsAsync(name), $"container {name} survived its time limit");
    }

    [Fact]
    public async Task A_DockerFile_Is_Built_Under_Its_DockerImageId()
    {
        var tag = "localhost/stoa-test-dockerfile:" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var result = await RunAsync($$$"""
                cwlVersion: v1.2
                class: CommandLineTool
                requirements:
                  DockerRequirement:
                    dockerImageId: {{{tag}}}
                    dockerFile: |
                      FROM {{{Image}}}
                      RUN echo built-by-stoa > /built.txt
                inputs: []
                outputs: {built: stdout}
                stdout: built.txt
                baseCommand: [cat, /built.txt]
                """);

            Assert.Equal("built-by-stoa\n", Text(result, "built"));
            Assert.NotNull(await Podman().ImageIdAsync(tag));
        }
        finally
        {
            await RemoveImageAsync(tag);
        }
    }

    [Fact]
    public async Task A_DockerImport_Tarball_Becomes_The_Image()
    {
        var root = Directory.CreateDirectory(Path.Combine(Dir, "rootfs")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy("/bin/busybox", Path.Combine(root, "bin", "busybox"));
        File.WriteAllText(Path.Combine(root, "marker.txt"), "imported\n");
        var tarball = Path.Combine(Dir, "rootfs.tar");
        await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(root, tarball, includeBaseDirectory: false);
        var tag = "localhost/stoa-test-import:" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var result = await RunAsync($$$"""
                cwlVersion: v1.2
                class: CommandLineTool
                requirements: {DockerRequirement: {dockerImport: rootfs.tar, dockerImageId: "{{{tag}}}"}}
                inputs: []
                outputs: {marker: stdout}
                stdout: marker.txt
                baseCommand: [/bin/busybox, cat, /marker.txt]
                """);

            Assert.Equal("imported\n", Text(result, "marker"));
        }
        finally
        {
            await RemoveImageAsync(tag);
        }
    }

    [Fact]
    public async Task A_Missing_Image_That_Cannot_Be_Pulled_Is_A_Clear_Failure()
    {
        var result = await RunAsync("""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {DockerRequirement: {dockerPull: "localhost:1/stoa/no-such-image:1"}}
            inputs: []
            outputs: []
            baseCommand: ["true"]
            """);

        Assert.Equal(CwlJobStatus.PermanentFailure, result.Status);
        Assert.Contains("localhost:1/stoa/no-such-image:1 is not present and could not be pulled", result.Message, StringComparison.Ordinal);
    }

    private static string? ContainerName(string command)
    {
        var words = command.Split(' ');
        var i = Array.IndexOf(words, "--name");
        return i >= 0 && i + 1 < words.Length ? words[i + 1].Trim('\'') : null;
    }

    private static async Task RemoveImageAsync(string tag)
    {
        using var p = System.Diagnostics.Process.Start("podman", ["rmi", "--force", tag]);
        await p.WaitForExitAsync();
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Stoa.Cwl.Tests.Running;

public sealed class CwlEngineTests : ScratchDirectory
{
    [Fact]
    public async Task Scatter_With_A_Fixed_Stdout_Name_Keeps_Every_Output()
    {
        var wf = Write("scatter.cwl", """
            cwlVersion: v1.2
            class: Workflow
            requirements: {ScatterFeatureRequirement: {}}
            inputs: {items: "int[]"}
            outputs:
              outs: {type: "File[]", outputSource: echo/out}
            steps:
              echo:
                run:
                  class: CommandLineTool
                  baseCommand: echo
                  inputs: {n: {type: int, inputBinding: {}}}
                  outputs: {out: stdout}
                  stdout: out.txt
                scatter: n
                in: {n: items}
                out: [out]
            """);
        var events = new List<CwlJobEvent>();
        var engine = new CwlEngine(new CwlEngineOptions { OutputDirectory = Path.Combine(Dir, "out"), Parallel = 4 });
        engine.JobEvent += (_, e) => { lock (events) { events.Add(e); } };
        var result = await engine.RunAsync(CwlDocument.Load(wf), new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(0, 20).Select(i => (JsonNode)i)]) });

        Assert.Equal(CwlJobStatus.Success, result.Status);
        var paths = result.Outputs!["outs"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToList();
        Assert.Equal(20, paths.Distinct().Count());
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(paths[i]).Trim());
            Assert.Equal("out.txt", Path.GetFileName(paths[i]));
        }

        Assert.Equal(20, result.Jobs.Count(j => j.Status == CwlJobStatus.Success));
        Assert.Equal(20, events.Count(e => e.State == CwlJobState.Finished));
        Assert.All(result.Jobs, j => Assert.True(j.StartedUtc <= j.FinishedUtc));
    }

    [Fact]
    public async Task Cancellation_Kills_The_Process_Tree()
    {
        var marker = Path.Combine(Dir, "pid");
        var tool = Write("sleep.cwl", $$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements: {ShellCommandRequirement: {}}
            inputs: []
            outputs: []
            arguments:
              - {valueFrom: "sleep 600 & echo $! > {{{marker}}}; wait", shellQuote: false}
            """);
        using var cts = new CancellationTokenSource();
        var engine = new CwlEngine(new CwlEngineOptions { OutputDirectory = Path.Combine(Dir, "out") });
        engine.JobEvent += (_, e) =>
        {
            if (e.State == CwlJobState.Started)
            {
                _ = Task.Run(async () =>
                {
                    while (!File.Exists(marker) || new FileInfo(marker).Length == 0)
                    {
                        await Task.Delay(20);
                    }

                    await cts.CancelAsync();
                });
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(CwlDocument.Load(tool), [], cts.Token));
        var pid = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // A killed process may linger briefly as a zombie until it is reaped; give that a bounded moment.
        for (var i = 0; i < 100 && IsRunning(pid); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(IsRunning(pid), "the grandchild `sleep` survived cancellation");
    }

    [Fact]
    public async Task Without_Containers_Docker_Required_Is_Unsupported_But_Docker_Hinted_Runs_On_The_Host()
    {
        var required = Write("req.cwl", "cwlVersion: v1.2\nclass: CommandLineTool\nrequirements: {DockerRequirement: {dockerPull: debian}}\nbaseCommand: 'true'\ninputs: []\noutputs: []\n");
        var hinted = Write("hint.cwl", "cwlVersion: v1.2\nclass: CommandLineTool\nhints: {DockerRequirement: {dockerPull: debian}}\nbaseCommand: 'true'\ninputs: []\noutputs: []\n");
        var engine = new CwlEngine(new CwlEngineOptions { OutputDirectory = Path.Combine(Dir, "out"), ContainerEngine = CwlContainerEngine.None });
        await Assert.ThrowsAsync<CwlUnsupportedFeatureException>(() => engine.RunAsync(CwlDocument.Load(required), []));
        Assert.Equal(CwlJobStatus.Success, (await engine.RunAsync(CwlDocument.Load(hinted), [])).Status);
    }

    [Fact]
    public async Task Missing_Required_Input_Is_A_Validation_Error_Before_Running()
    {
        var tool = Write("echo.cwl", "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs: {x: {type: string, inputBinding: {}}}\noutputs: []\n");
        var engine = new CwlEngine(new CwlEngineOptions { OutputDirectory = Path.Combine(Dir, "out") });
        var ex = await Assert.ThrowsAsync<CwlValidationException>(() => engine.RunAsync(CwlDocument.Load(tool), []));
        Assert.Contains(ex.Errors, e => e.FieldPath == "inputs.x");
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (File.Exists(stat))
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }

        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

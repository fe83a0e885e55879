using Microsoft.Extensions.Logging;
using Stoa.Tests.Shared;

namespace Stoa.Cwl.Tests.Running;

/// <summary>What a run logs through <see cref="CwlEngineOptions.LoggerFactory"/>: real tools, real processes.</summary>
public sealed class CwlEngineLoggingTests : ScratchDirectory
{
    private const string ExitWith = """
        cwlVersion: v1.2
        class: CommandLineTool
        baseCommand: [sh, -c]
        inputs: {code: {type: int, inputBinding: {valueFrom: "exit $(self)"}}}
        outputs: []
        """;

    private async Task<(CwlRunResult Result, IReadOnlyList<LoggedMessage> Log)> RunAsync(int exitCode)
    {
        using var logs = new RecordingLoggerFactory();
        var tool = Write("exit.cwl", ExitWith);
        var engine = new CwlEngine(new CwlEngineOptions { OutputDirectory = Path.Combine(Dir, "out"), LoggerFactory = logs });
        var result = await engine.RunAsync(CwlDocument.Load(tool), new() { ["code"] = exitCode });
        return (result, logs.Messages);
    }

    [Fact]
    public async Task A_Job_Logs_Its_Start_And_Its_End_With_The_Exit_Code()
    {
        var (result, log) = await RunAsync(0);

        Assert.Equal(CwlJobStatus.Success, result.Status);
        var job = result.Jobs.Single().JobId;
        Assert.All(log, m => Assert.Equal("Stoa.Cwl", m.Category));
        var started = Assert.Single(log, m => m.EventName == "JobStarted");
        Assert.Equal((LogLevel.Debug, $"{job} exit.cwl: started"), (started.Level, started.Text));
        var finished = Assert.Single(log, m => m.EventName == "JobFinished");
        Assert.Equal(LogLevel.Debug, finished.Level);
        Assert.StartsWith($"{job} exit.cwl: finished, exit code 0, in ", finished.Text, StringComparison.Ordinal);
        var ended = Assert.Single(log, m => m.EventName == "RunEnded");
        Assert.Equal(LogLevel.Information, ended.Level);
        Assert.Contains(": Success, 1 job(s) in ", ended.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(log, m => m.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_Failed_Job_Logs_A_Warning_With_Its_Exit_Code_And_Error()
    {
        var (result, log) = await RunAsync(3);

        Assert.Equal(CwlJobStatus.PermanentFailure, result.Status);
        var failed = Assert.Single(log, m => m.EventName == "JobFailed");
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.StartsWith($"{result.Jobs.Single().JobId} exit.cwl: failed, exit code 3, after ", failed.Text, StringComparison.Ordinal);
        Assert.Contains("exit.cwl: exit code 3; see ", failed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(log, m => m.EventName == "JobFinished");
        Assert.Equal(LogLevel.Warning, Assert.Single(log, m => m.EventName == "RunFailed").Level);
    }
}

using System.Text.Json.Nodes;

namespace Stoa.Cwl;

/// <summary>The result of running a process: its status, final outputs and the record of every job.</summary>
public sealed class CwlRunResult
{
    internal CwlRunResult(string processId, CwlJobStatus status, JsonObject? outputs, JsonObject inputs,
        IReadOnlyList<CwlJobRecord> jobs, DateTimeOffset startedUtc, DateTimeOffset finishedUtc, string? message)
    {
        ProcessId = processId;
        Status = status;
        Outputs = outputs;
        Inputs = inputs;
        Jobs = jobs;
        StartedUtc = startedUtc;
        FinishedUtc = finishedUtc;
        Message = message;
    }

    /// <summary>The id of the process run.</summary>
    public string ProcessId { get; }

    /// <summary>Success, or how the run failed.</summary>
    public CwlJobStatus Status { get; }

    /// <summary>The output object, with File and Directory locations in the output directory; null on failure.</summary>
    public JsonObject? Outputs { get; }

    /// <summary>The run's input object after defaults were applied.</summary>
    public JsonObject Inputs { get; }

    /// <summary>Every job of the run, in the order they finished.</summary>
    public IReadOnlyList<CwlJobRecord> Jobs { get; }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>When the run ended (UTC).</summary>
    public DateTimeOffset FinishedUtc { get; }

    /// <summary>Why the run failed, or null.</summary>
    public string? Message { get; }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Execution;

/// <summary>One run of one row, as handed to an <see cref="IRowExecutor"/>.</summary>
public sealed class RowExecution
{
    internal RowExecution(long rowId, string runId, int attempt, IReadOnlyDictionary<string, JsonNode?> inputs, string workingDirectory, string logDirectory, WorkflowDefinition workflow)
    {
        RowId = rowId;
        RunId = runId;
        Attempt = attempt;
        Inputs = inputs;
        WorkingDirectory = workingDirectory;
        LogDirectory = logDirectory;
        Workflow = workflow;
    }

    /// <summary>The row.</summary>
    public long RowId { get; }

    /// <summary>The id of this run (recorded in the row and its history for provenance).</summary>
    public string RunId { get; }

    /// <summary>1 for the first run of the row, counting interrupted runs.</summary>
    public int Attempt { get; }

    /// <summary>The CWL job: input values by name (File objects carry <c>location</c> and <c>checksum</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Inputs { get; }

    /// <summary>An empty directory private to this run; deleted after the outputs have been stored.</summary>
    public string WorkingDirectory { get; }

    /// <summary>
    /// A directory for this run's logs, kept after the run (<c>&lt;project&gt;-logs/&lt;run id&gt;</c>); not created
    /// until an executor writes to it. Report it as <see cref="RowExecutionResult.LogLocation"/>.
    /// </summary>
    public string LogDirectory { get; }

    /// <summary>The workflow the table is bound to.</summary>
    public WorkflowDefinition Workflow { get; }

    /// <summary>
    /// The project's logger factory (<see cref="WorktableProjectOptions.LoggerFactory"/>) for an executor that logs its
    /// jobs; <see cref="Cwl.CwlRowExecutor"/> hands it to the CWL engine. Null when the project logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; internal init; }

    /// <summary>The CWL job object of the inputs (a fresh copy).</summary>
    public JsonObject ToJobObject() => new(Inputs.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Stoa.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;

namespace Stoa.Worktables.Cwl;

/// <summary>
/// Runs each row as one CWL job through Stoa.Cwl's engine: the row's inputs are the job object, the workflow
/// is the table's CWL document, outputs are taken from the run's output object (files are then stored by
/// content in the project). A failed job fails the row with the engine's message; logs go to the run's
/// <see cref="RowExecution.LogDirectory"/>.
/// </summary>
public sealed class CwlRowExecutor : IRowExecutor
{
    private readonly ConcurrentDictionary<(string Path, string Hash), Lazy<CwlDocument>> _documents = new();
    private readonly int _coresPerRow;
    private readonly ICwlExecutionBackend? _backend;

    /// <summary>Creates the executor.</summary>
    /// <param name="coresPerRow">Steps of one row's workflow run in parallel up to this many. Default: 1
    /// (rows already run in parallel; see <see cref="RecomputeOptions.MaxParallelism"/>).</param>
    /// <param name="backend">Where the rows' jobs run, e.g. a <see cref="SlurmBackend"/> (the project directory must
    /// then be on a file system the cluster nodes share); local processes when null.</param>
    public CwlRowExecutor(int coresPerRow = 1, ICwlExecutionBackend? backend = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coresPerRow, 1);
        _coresPerRow = coresPerRow;
        _backend = backend;
    }

    /// <inheritdoc />
    /// <exception cref="WorkflowException">The table's workflow has no CWL document, or it no longer loads.</exception>
    public async Task<RowExecutionResult> ExecuteAsync(RowExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var path = execution.Workflow.DocumentPath
            ?? throw new WorkflowException($"workflow '{execution.Workflow.Name}' has no CWL document; bind the table with CwlWorkflow.Load.");
        var doc = _documents.GetOrAdd((path, execution.Workflow.Hash), k => new Lazy<CwlDocument>(() => Load(k.Path))).Value;

        var engine = new CwlEngine(new CwlEngineOptions
        {
            OutputDirectory = Path.Combine(execution.WorkingDirectory, "out"),
            TempDirectory = Path.Combine(execution.WorkingDirectory, "tmp"),
            LogDirectory = execution.LogDirectory,
            Parallel = _coresPerRow,
            TotalCores = _coresPerRow,
            Backend = _backend,
            LoggerFactory = execution.LoggerFactory,
        });
        var result = await engine.RunAsync(doc, ToJob(execution), cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case CwlJobStatus.Success:
                var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in result.Outputs ?? [])
                {
                    outputs[k] = v?.DeepClone();
                }

                return RowExecutionResult.Success(outputs, execution.LogDirectory);
            case CwlJobStatus.Cancelled:
                throw new OperationCanceledException(cancellationToken);
            default:
                return RowExecutionResult.Failure($"{result.Status}: {result.Message ?? "the workflow failed"}", execution.LogDirectory);
        }
    }

    private static CwlDocument Load(string path)
    {
        try
        {
            return CwlDocument.Load(path);
        }
        catch (CwlValidationException e)
        {
            throw new WorkflowException($"{path}: the workflow does not load: {e.Message}", e) { Path = path };
        }
    }

    /// <summary>The row's cells as a CWL job: File/Directory locations as file:// URIs, our checksum kept.</summary>
    private static JsonObject ToJob(RowExecution execution)
    {
        var job = execution.ToJobObject();
        foreach (var (_, v) in job)
        {
            Rewrite(v);
        }

        return job;

        static void Rewrite(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o when (string?)o["class"] is "File" or "Directory":
                    if ((string?)o["location"] is { } loc && !loc.Contains("://", StringComparison.Ordinal))
                    {
                        o["location"] = new Uri(loc).AbsoluteUri;
                    }

                    if ((string?)o["class"] == "Directory")
                    {
                        // Our directory checksum is over its listing, not a CWL checksum: keep it out of the job.
                        o.Remove("checksum");
                    }

                    break;
                case JsonObject o:
                    foreach (var (_, child) in o)
                    {
                        Rewrite(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Rewrite(child);
                    }

                    break;
            }
        }
    }
}

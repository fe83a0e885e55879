using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Running;

namespace Stoa.Cwl;

/// <summary>
/// Runs CWL processes: a CommandLineTool, an ExpressionTool or a whole Workflow (a dataflow graph run in
/// parallel where the data allows). Subscribe to <see cref="JobEvent"/> for progress; every job is also in
/// <see cref="CwlRunResult.Jobs"/>.
/// </summary>
public sealed class CwlEngine
{
    private readonly CwlEngineOptions _options;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Output directory, parallelism, backend and failure policy.</param>
    public CwlEngine(CwlEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Raised when a job is queued, started, finished, failed or skipped. Handlers run on engine threads and must be quick.</summary>
    public event EventHandler<CwlJobEvent>? JobEvent;

    /// <summary>Runs <paramref name="document"/> with <paramref name="inputs"/>.</summary>
    /// <param name="document">The loaded process.</param>
    /// <param name="inputs">The input object (see <see cref="CwlInputObject"/>); File locations must be absolute.</param>
    /// <param name="cancellationToken">Cancels the run, killing every running process tree.</param>
    /// <returns>The result: status, outputs (moved into the output directory) and the record of every job.</returns>
    /// <exception cref="CwlValidationException">The inputs do not match the process's input types.</exception>
    /// <exception cref="CwlUnsupportedFeatureException">The process needs a feature this engine lacks (e.g. a required container).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<CwlRunResult> RunAsync(CwlDocument document, JsonObject? inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var started = DateTimeOffset.UtcNow;
        var outdir = Path.GetFullPath(_options.OutputDirectory);
        Directory.CreateDirectory(outdir);
        var tempRoot = _options.TempDirectory is { } t
            ? Path.GetFullPath(t)
            : Path.Combine(Path.GetTempPath(), "stoa-cwl-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(tempRoot);
        var log = new CwlJobLog(_options.LoggerFactory?.CreateLogger(CwlJobLog.Category) ?? NullLogger.Instance);
        log.RunStarted(document.Id);
        var ctx = new RunContext(_options, tempRoot, _options.Backend ?? new LocalProcessBackend(),
            new Ontology(document.Context.Schemas), log, e => JobEvent?.Invoke(this, e), cancellationToken);
        var given = (JsonObject?)inputs?.DeepClone() ?? [];
        if (UsesJavaScript(document.Process))
        {
            ctx.JavaScript.Prewarm();
        }

        try
        {
            var reqs = InputRequirements(given).For(document.Process);
            var outputs = await ProcessRunner.RunAsync(ctx, document.Process, given, reqs, document.Process.ShortId).ConfigureAwait(false);
            new OutputRelocator(outdir, tempRoot).Relocate(outputs);
            return log.Ended(new CwlRunResult(document.Id, CwlJobStatus.Success, outputs, given, ctx.Records, started, DateTimeOffset.UtcNow, null));
        }
        catch (CwlJobFailedException ex)
        {
            return log.Ended(new CwlRunResult(document.Id, ex.Status, null, given, ctx.Records, started, DateTimeOffset.UtcNow, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return log.Ended(new CwlRunResult(document.Id, CwlJobStatus.PermanentFailure, null, given, ctx.Records, started, DateTimeOffset.UtcNow, "collecting outputs: " + ex.Message));
        }
        catch (CwlExpressionException ex)
        {
            return log.Ended(new CwlRunResult(document.Id, CwlJobStatus.PermanentFailure, null, given, ctx.Records, started, DateTimeOffset.UtcNow, ex.Message));
        }
        finally
        {
            if (!_options.KeepTempFiles)
            {
                CleanUp(tempRoot);
            }
        }
    }

    private static bool UsesJavaScript(Model.CwlProcess process) =>
        process.Requirements.Concat(process.Hints).Any(r => r["class"]?.GetValue<string>() == "InlineJavascriptRequirement") ||
        process.Steps.Any(s => s.Requirements.Any(r => r["class"]?.GetValue<string>() == "InlineJavascriptRequirement") || UsesJavaScript(s.Run));

    /// <summary>Takes <c>cwl:requirements</c> out of the input object (v1.1+ InputObject requirements).</summary>
    private static RequirementSet InputRequirements(JsonObject inputs)
    {
        foreach (var key in new[] { "cwl:requirements", "https://w3id.org/cwl/cwl#requirements" })
        {
            if (inputs[key] is JsonArray reqs)
            {
                inputs.Remove(key);
                return RequirementSet.WithOverrides(reqs.OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()));
            }
        }

        return RequirementSet.Empty;
    }

    private static void CleanUp(string tempRoot)
    {
        // Job directories go; each job's command line and logs were recorded. Make read-only copies deletable first.
        try
        {
            // Deleting is system calls on one directory after another: spread over the cores, so that a scatter's
            // thousand job directories do not keep one core busy while the other waits (issue 20).
            Parallel.ForEach(Directory.EnumerateDirectories(tempRoot), dir =>
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The same as below: a leftover does not change the result.
                }
            });

            Directory.Delete(tempRoot, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leftovers in the temp directory do not change the result.
        }
    }
}

using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Running;

/// <summary>Runs an ExpressionTool: evaluates its expression in-process and checks the output types.</summary>
internal sealed class ExpressionToolJob
{
    private readonly RunContext _ctx;
    private readonly CwlProcess _tool;
    private readonly RequirementSet _reqs;
    private readonly string _name;

    public ExpressionToolJob(RunContext ctx, CwlProcess tool, RequirementSet reqs, string name)
    {
        _ctx = ctx;
        _tool = tool;
        _reqs = reqs;
        _name = name;
    }

    public Task<JsonObject> RunAsync(JsonObject given)
    {
        ToolJob.CheckSupported(_ctx, _reqs, _tool);
        var jobId = _ctx.NextJobId();
        var started = DateTimeOffset.UtcNow;
        _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Queued, started));
        var eval = _ctx.Evaluator(_reqs);
        JsonObject inputs = given;
        try
        {
            inputs = new InputBinder(_tool, _reqs, eval, _ctx.Ontology).Bind(given);
            var jobDir = _ctx.NewJobDirectory(jobId);
            var runtime = new JsonObject
            {
                ["outdir"] = Path.Combine(jobDir, "out"),
                ["tmpdir"] = Path.Combine(jobDir, "tmp"),
                ["cores"] = 1,
                ["ram"] = 256,
                ["outdirSize"] = 1024,
                ["tmpdirSize"] = 1024,
            };
            _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Started, DateTimeOffset.UtcNow));
            var result = eval.Evaluate(JsonValue.Create(_tool.Expression), new ExpressionScope(inputs, null, runtime));
            if (result is not JsonObject obj)
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{_name}: the expression must return an object, got {Types.DescribeValue(result)}");
            }

            var outputs = new JsonObject();
            foreach (var o in _tool.Outputs)
            {
                var v = obj[o.Id]?.DeepClone();
                MaterializeLiterals(v, Path.Combine(jobDir, "out"));
                InputBinder.Normalize(v);
                if (!Types.MatchesOutput(v, o.Type))
                {
                    throw new CwlJobFailedException(CwlJobStatus.PermanentFailure,
                        $"{_name}: output '{o.Id}' is {Types.DescribeValue(v)}, expected {Types.Describe(o.Type)}");
                }

                outputs[o.Id] = v;
            }

            OutputCollector.Finish(outputs);
            var finished = DateTimeOffset.UtcNow;
            _ctx.Record(new CwlJobRecord
            {
                JobId = jobId, Name = _name, ProcessId = _tool.Id, ProcessClass = _tool.Class,
                Inputs = (JsonObject)inputs.DeepClone(), Outputs = (JsonObject)outputs.DeepClone(),
                Status = CwlJobStatus.Success, QueuedUtc = started, StartedUtc = started, FinishedUtc = finished,
            });
            _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Finished, finished));
            return Task.FromResult(outputs);
        }
        catch (Exception ex) when (ex is CwlJobFailedException or CwlExpressionException or CwlValidationException or IOException)
        {
            var finished = DateTimeOffset.UtcNow;
            _ctx.Record(new CwlJobRecord
            {
                JobId = jobId, Name = _name, ProcessId = _tool.Id, ProcessClass = _tool.Class,
                Inputs = (JsonObject)inputs.DeepClone(), Status = CwlJobStatus.PermanentFailure, Message = ex.Message,
                QueuedUtc = started, StartedUtc = started, FinishedUtc = finished,
            });
            _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Failed, finished) { Message = ex.Message });
            throw ex as CwlJobFailedException ?? new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{_name}: {ex.Message}");
        }
    }

    /// <summary>File literals (contents, no location) returned by an expression are written to disk.</summary>
    internal static void MaterializeLiterals(JsonNode? value, string dir)
    {
        FileObjects.Visit(value, o =>
        {
            if (Types.ClassOf(o) == "File" && o["location"] is null && o["path"] is null && FileObjects.Str(o["contents"]) is { } contents)
            {
                Directory.CreateDirectory(dir);
                var name = FileObjects.Str(o["basename"]) ?? ("literal-" + Guid.NewGuid().ToString("N")[..8]);
                var path = Path.Combine(dir, name);
                File.WriteAllText(path, contents);
                FileObjects.SetPath(o, path);
            }
            else if (Types.ClassOf(o) == "Directory" && o["location"] is null && o["path"] is null)
            {
                var path = Path.Combine(dir, FileObjects.Str(o["basename"]) ?? ("dir-" + Guid.NewGuid().ToString("N")[..8]));
                Directory.CreateDirectory(path);
                if (o["listing"] is JsonArray listing)
                {
                    foreach (var child in listing.OfType<JsonObject>())
                    {
                        if (FileObjects.LocalPath(child) is { } src && (File.Exists(src) || Directory.Exists(src)))
                        {
                            ToolJob.Copy(src, Path.Combine(path, FileObjects.Str(child["basename"]) ?? Path.GetFileName(src)));
                        }
                    }

                    foreach (var child in listing.OfType<JsonObject>())
                    {
                        if (FileObjects.LocalPath(child) is null)
                        {
                            MaterializeLiterals(child, path);
                        }
                    }
                }

                FileObjects.SetPath(o, path);
                o.Remove("listing");
                FileObjects.FillListing(o, "deep_listing");
            }
        });
    }
}

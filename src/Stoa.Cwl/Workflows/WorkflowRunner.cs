using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Model;
using Stoa.Cwl.Running;

namespace Stoa.Cwl.Workflows;

/// <summary>
/// Runs a Workflow as a dataflow graph: each step starts as soon as every source it reads has a value, bounded
/// only by the run's job slots. Handles scatter (all methods), <c>when</c>, <c>pickValue</c>, <c>linkMerge</c>,
/// <c>valueFrom</c>, defaults and subworkflows (which recurse through <see cref="ProcessRunner"/>).
/// </summary>
internal sealed class WorkflowRunner
{
    private readonly RunContext _ctx;
    private readonly CwlProcess _wf;
    private readonly RequirementSet _reqs;
    private readonly string _name;
    private readonly Dictionary<string, TaskCompletionSource<JsonObject>> _stepDone = new(StringComparer.Ordinal);

    public WorkflowRunner(RunContext ctx, CwlProcess wf, RequirementSet reqs, string name)
    {
        _ctx = ctx;
        _wf = wf;
        _reqs = reqs;
        _name = name;
    }

    public async Task<JsonObject> RunAsync(JsonObject given)
    {
        var eval = _ctx.Evaluator(_reqs);
        JsonObject inputs;
        try
        {
            inputs = new InputBinder(_wf, _reqs, eval, _ctx.Ontology).Bind(given);
        }
        catch (CwlValidationException) when (_name.Contains('/', StringComparison.Ordinal))
        {
            throw;
        }

        foreach (var step in _wf.Steps)
        {
            _stepDone[step.Id] = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var tasks = _wf.Steps.Select(s => RunStepAsync(s, inputs)).ToList();
        CwlJobFailedException? firstFailure = null;
        Exception? other = null;
        foreach (var t in tasks)
        {
            try
            {
                await t.ConfigureAwait(false);
            }
            catch (CwlJobFailedException ex)
            {
                firstFailure ??= ex;
            }
            catch (OperationCanceledException) when (!_ctx.UserCancellation.IsCancellationRequested)
            {
                // A step cancelled because another failed: the failure is what gets reported.
            }
            catch (Exception ex) when (ex is CwlExpressionException or CwlValidationException or CwlUnsupportedFeatureException)
            {
                other ??= ex;
            }
        }

        if (other is CwlUnsupportedFeatureException)
        {
            throw other;
        }

        if (firstFailure is not null)
        {
            throw firstFailure;
        }

        if (other is not null)
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{_name}: {other.Message}");
        }

        _ctx.UserCancellation.ThrowIfCancellationRequested();
        var outputs = new JsonObject();
        foreach (var o in _wf.Outputs)
        {
            var values = o.OutputSource.Select(src => Lookup(src, inputs)).ToList();
            var value = Merge(values, o.OutputSource.Count > 1, o.LinkMerge, o.PickValue, $"output '{o.Id}'");
            if (!Types.MatchesOutput(value, o.Type) && o.Type is not null)
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure,
                    $"{_name}: workflow output '{o.Id}' is {Types.DescribeValue(value)}, expected {Types.Describe(o.Type)}");
            }

            outputs[o.Id] = value?.DeepClone();
        }

        return outputs;
    }

    private JsonNode? Lookup(string source, JsonObject inputs)
    {
        var (step, port) = Sources.Parse(_wf, source);
        if (step is null)
        {
            return inputs[port]?.DeepClone();
        }

        return _stepDone[step].Task.Result[port]?.DeepClone();
    }

    private async Task<JsonNode?> SourceValueAsync(string source, JsonObject inputs)
    {
        var (step, port) = Sources.Parse(_wf, source);
        if (step is null)
        {
            return inputs[port]?.DeepClone();
        }

        var outs = await _stepDone[step].Task.WaitAsync(_ctx.Cancellation).ConfigureAwait(false);
        return outs[port]?.DeepClone();
    }

    private async Task RunStepAsync(CwlStep step, JsonObject wfInputs)
    {
        var done = _stepDone[step.Id];
        try
        {
            await Task.Yield();
            var stepReqs = _reqs.For(step.Run, step);
            var eval = _ctx.Evaluator(_reqs.For(new CwlProcess { Class = "Workflow", Id = _wf.Id, File = _wf.File, CwlVersion = _wf.CwlVersion, Raw = _wf.Raw }, step));
            var values = new JsonObject();
            foreach (var si in step.In)
            {
                var sourced = new List<JsonNode?>();
                foreach (var src in si.Source)
                {
                    sourced.Add(await SourceValueAsync(src, wfInputs).ConfigureAwait(false));
                }

                var v = si.Source.Count == 0 ? null : Merge(sourced, si.Source.Count > 1, si.LinkMerge, si.PickValue, $"step '{step.Id}' input '{si.Id}'");
                if (v is null && si.HasDefault && si.Default is not null)
                {
                    v = si.Default.DeepClone();
                    InputBinder.ResolveRelative(v, _wf.File);
                }

                if (si.LoadContents || si.LoadListing is not null)
                {
                    InputBinder.Normalize(v);
                    FileObjects.Visit(v, f =>
                    {
                        if (si.LoadContents && Types.ClassOf(f) == "File" && f["contents"] is null && FileObjects.LocalPath(f) is { } p)
                        {
                            f["contents"] = FileObjects.ReadContents(p, si.Id);
                        }

                        if (si.LoadListing is { } mode && Types.ClassOf(f) == "Directory")
                        {
                            FileObjects.FillListing(f, mode);
                        }
                    });
                }

                values[si.Id] = v;
            }

            _ctx.Cancellation.ThrowIfCancellationRequested();
            var stepName = _name + "/" + step.Id;
            JsonObject outputs;
            if (step.Scatter.Count == 0)
            {
                outputs = await RunOneAsync(step, values, stepReqs, eval, stepName).ConfigureAwait(false) ?? NullOutputs(step);
            }
            else
            {
                outputs = await ScatterAsync(step, values, stepReqs, eval, stepName).ConfigureAwait(false);
            }

            done.TrySetResult(outputs);
        }
        catch (OperationCanceledException ex)
        {
            done.TrySetCanceled(ex.CancellationToken);
            throw;
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
            if (_ctx.Options.FailurePolicy == CwlFailurePolicy.StopOnFirstFailure)
            {
                _ctx.Stop();
            }

            throw;
        }
    }

    private static JsonObject NullOutputs(CwlStep step)
    {
        var o = new JsonObject();
        foreach (var id in step.Out)
        {
            o[id] = null;
        }

        return o;
    }

    /// <summary>Runs the step once for one input object; returns null when <c>when</c> is false.</summary>
    private async Task<JsonObject?> RunOneAsync(CwlStep step, JsonObject values, RequirementSet stepReqs, ExpressionEvaluator eval, string name)
    {
        var job = (JsonObject)values.DeepClone();
        var hasValueFrom = step.In.Any(i => i.ValueFrom is not null);
        if (hasValueFrom)
        {
            InputBinder.Normalize(job);
            var before = (JsonObject)job.DeepClone();
            foreach (var si in step.In)
            {
                if (si.ValueFrom is not null)
                {
                    job[si.Id] = eval.Evaluate(si.ValueFrom, new ExpressionScope(before, before[si.Id], null));
                }
            }
        }

        if (step.When is not null)
        {
            InputBinder.Normalize(job);
            var cond = eval.Evaluate(step.When, new ExpressionScope(job, null, null));
            if (cond is not JsonValue cv || !cv.TryGetValue<bool>(out var run))
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{name}: 'when' must evaluate to true or false, got {Types.DescribeValue(cond)}");
            }

            if (!run)
            {
                var now = DateTimeOffset.UtcNow;
                var jobId = _ctx.NextJobId();
                _ctx.Record(new CwlJobRecord
                {
                    JobId = jobId, Name = name, ProcessId = step.Run.Id, ProcessClass = step.Run.Class, Inputs = job,
                    Status = CwlJobStatus.Skipped, QueuedUtc = now, StartedUtc = now, FinishedUtc = now,
                });
                _ctx.Publish(new CwlJobEvent(jobId, name, CwlJobState.Skipped, now));
                return null;
            }
        }

        // Only the inputs the process declares are passed on; the rest served valueFrom and when.
        var declared = step.Run.Inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var toRun = new JsonObject();
        foreach (var (k, v) in job)
        {
            if (declared.Contains(k))
            {
                toRun[k] = v?.DeepClone();
            }
        }

        var result = await ProcessRunner.RunAsync(_ctx, step.Run, toRun, stepReqs, name).ConfigureAwait(false);
        var outputs = new JsonObject();
        foreach (var id in step.Out)
        {
            outputs[id] = result[id]?.DeepClone();
        }

        return outputs;
    }

    private async Task<JsonObject> ScatterAsync(CwlStep step, JsonObject values, RequirementSet stepReqs, ExpressionEvaluator eval, string name)
    {
        var arrays = new List<JsonArray>();
        foreach (var sc in step.Scatter)
        {
            if (values[sc] is not JsonArray arr)
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{name}: scatter input '{sc}' is {Types.DescribeValue(values[sc])}, not an array");
            }

            arrays.Add(arr);
        }

        var method = step.ScatterMethod ?? "dotproduct";
        if (step.Scatter.Count == 1)
        {
            method = "dotproduct";
        }

        // Each job: its index tuple and input object.
        var jobs = new List<(int[] Index, JsonObject Inputs)>();
        if (method == "dotproduct")
        {
            var n = arrays[0].Count;
            if (arrays.Any(a => a.Count != n))
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{name}: dotproduct scatter over arrays of different lengths");
            }

            for (var i = 0; i < n; i++)
            {
                var index = new int[arrays.Count];
                Array.Fill(index, i);
                jobs.Add(([i], ScatterJob(values, step.Scatter, arrays, index)));
            }
        }
        else if (method is "nested_crossproduct" or "flat_crossproduct")
        {
            void Cross(int k, int[] idx)
            {
                if (k == arrays.Count)
                {
                    jobs.Add((idx, ScatterJob(values, step.Scatter, arrays, idx)));
                    return;
                }

                for (var i = 0; i < arrays[k].Count; i++)
                {
                    Cross(k + 1, [.. idx, i]);
                }
            }

            Cross(0, []);
        }
        else
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{name}: unknown scatterMethod '{method}'");
        }

        var runs = jobs.Select((j, i) => RunOneAsync(step, j.Inputs, stepReqs, eval, name + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var results = new JsonObject?[runs.Count];
        Exception? failure = null;
        for (var i = 0; i < runs.Count; i++)
        {
            try
            {
                results[i] = await runs[i].ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || failure is null)
            {
                failure ??= ex;
                if (_ctx.Options.FailurePolicy == CwlFailurePolicy.StopOnFirstFailure)
                {
                    _ctx.Stop();
                }
            }
            catch (OperationCanceledException)
            {
                // cancelled after an earlier failure
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        var outputs = new JsonObject();
        foreach (var id in step.Out)
        {
            if (method == "nested_crossproduct")
            {
                outputs[id] = Nest(arrays.Select(a => a.Count).ToArray(), 0, jobs.Select(j => j.Index).ToList(), results, id, []);
            }
            else
            {
                outputs[id] = new JsonArray(results.Select(r => r?[id]?.DeepClone()).ToArray());
            }
        }

        return outputs;
    }

    /// <summary>One scatter job's input object: element <c>index[k]</c> of the k-th scattered input, every other
    /// input copied. Built key by key so the scattered arrays themselves are never copied per job (copying them made
    /// a scatter of n jobs cost n² node copies).</summary>
    private static JsonObject ScatterJob(JsonObject values, IReadOnlyList<string> scatter, List<JsonArray> arrays, int[] index)
    {
        var job = new JsonObject();
        foreach (var (key, value) in values)
        {
            var k = IndexOf(scatter, key);
            job[key] = k >= 0 ? arrays[k][index[k]]?.DeepClone() : value?.DeepClone();
        }

        return job;

        static int IndexOf(IReadOnlyList<string> names, string name)
        {
            for (var k = 0; k < names.Count; k++)
            {
                if (names[k] == name)
                {
                    return k;
                }
            }

            return -1;
        }
    }

    private static JsonArray Nest(int[] dims, int level, List<int[]> indices, JsonObject?[] results, string id, int[] prefix)
    {
        var arr = new JsonArray();
        for (var i = 0; i < dims[level]; i++)
        {
            int[] p = [.. prefix, i];
            if (level == dims.Length - 1)
            {
                var j = indices.FindIndex(x => x.AsSpan().SequenceEqual(p));
                arr.Add(j >= 0 ? results[j]?[id]?.DeepClone() : null);
            }
            else
            {
                arr.Add((JsonNode)Nest(dims, level + 1, indices, results, id, p));
            }
        }

        return arr;
    }

    /// <summary>linkMerge then pickValue over the values of several sources.</summary>
    private static JsonNode? Merge(List<JsonNode?> values, bool isList, string? linkMerge, string? pickValue, string what)
    {
        JsonNode? merged;
        if (!isList && linkMerge is null)
        {
            merged = values.Count > 0 ? values[0] : null;
        }
        else if (linkMerge == "merge_flattened")
        {
            var flat = new JsonArray();
            foreach (var v in values)
            {
                if (v is JsonArray a)
                {
                    foreach (var x in a)
                    {
                        flat.Add(x?.DeepClone());
                    }
                }
                else
                {
                    flat.Add(v?.DeepClone());
                }
            }

            merged = flat;
        }
        else
        {
            merged = new JsonArray(values.Select(v => v?.DeepClone()).ToArray());
        }

        if (pickValue is null)
        {
            return merged;
        }

        var items = merged is JsonArray ma ? ma.ToList() : [merged];
        var nonNull = items.Where(x => x is not null).ToList();
        switch (pickValue)
        {
            case "first_non_null":
                if (nonNull.Count == 0)
                {
                    throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{what}: pickValue first_non_null found only nulls");
                }

                return nonNull[0]!.DeepClone();
            case "the_only_non_null":
                if (nonNull.Count != 1)
                {
                    throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{what}: pickValue the_only_non_null found {nonNull.Count} non-null values");
                }

                return nonNull[0]!.DeepClone();
            case "all_non_null":
                return new JsonArray(nonNull.Select(x => x!.DeepClone()).ToArray());
            default:
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{what}: unknown pickValue '{pickValue}'");
        }
    }
}

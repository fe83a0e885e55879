using System.Text.Json.Nodes;
using Stoa.Cwl.Loading;
using Stoa.Cwl.Model;
using Stoa.Cwl.Workflows;

namespace Stoa.Cwl;

/// <summary>
/// Checks a loaded process beyond its shape, before anything runs: every workflow source names an existing
/// input or step output, step outputs exist, the step graph has no cycle, scatter names a step input, and
/// directly connected ports have compatible types.
/// </summary>
internal static class Semantics
{
    public static void Check(CwlProcess process, LoadContext ctx)
    {
        if (process.Class != "Workflow")
        {
            return;
        }

        var steps = process.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var inputs = process.Inputs.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var deps = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var step in process.Steps)
        {
            Check(step.Run, ctx);
            deps[step.Id] = new HashSet<string>(StringComparer.Ordinal);
            var runOutputs = step.Run.Outputs.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var o in step.Out)
            {
                if (!runOutputs.Contains(o))
                {
                    Error(ctx, step.Raw["out"] ?? step.Raw, process, $"steps.{step.Id}.out", $"'{o}' is not an output of {step.Run.ShortId}");
                }
            }

            var stepInputIds = step.In.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var sc in step.Scatter)
            {
                if (!stepInputIds.Contains(sc))
                {
                    Error(ctx, step.Raw["scatter"] ?? step.Raw, process, $"steps.{step.Id}.scatter", $"scatter names '{sc}', which is not an input of the step");
                }
            }

            foreach (var si in step.In)
            {
                foreach (var src in si.Source)
                {
                    var (s, port) = Sources.Parse(process, src);
                    if (s is null)
                    {
                        if (!inputs.ContainsKey(port))
                        {
                            Error(ctx, step.Raw["in"] ?? step.Raw, process, $"steps.{step.Id}.in.{si.Id}.source", $"source '{src}' names no workflow input or step output");
                        }
                        else
                        {
                            CheckTypes(ctx, process, step, si, inputs[port].Type, src);
                        }
                    }
                    else if (!steps.TryGetValue(s, out var from) || !from.Out.Contains(port))
                    {
                        Error(ctx, step.Raw["in"] ?? step.Raw, process, $"steps.{step.Id}.in.{si.Id}.source", $"source '{src}' names no workflow input or step output");
                    }
                    else
                    {
                        deps[step.Id].Add(s);
                        if (from.Scatter.Count == 0 && from.When is null)
                        {
                            CheckTypes(ctx, process, step, si, from.Run.Outputs.FirstOrDefault(o => o.Id == port)?.Type, src);
                        }
                    }
                }
            }
        }

        foreach (var o in process.Outputs)
        {
            if (o.OutputSource.Count == 0)
            {
                Error(ctx, o.Raw, process, $"outputs.{o.Id}", "a workflow output needs an 'outputSource'");
            }

            foreach (var src in o.OutputSource)
            {
                var (s, port) = Sources.Parse(process, src);
                var ok = s is null ? inputs.ContainsKey(port) : steps.TryGetValue(s, out var from) && from.Out.Contains(port);
                if (!ok)
                {
                    Error(ctx, o.Raw["outputSource"] ?? o.Raw, process, $"outputs.{o.Id}.outputSource", $"'{src}' names no workflow input or step output");
                }
            }
        }

        // Cycles: depth-first search over step dependencies.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in process.Steps)
        {
            if (Visit(step.Id, deps, state, out var cycleAt))
            {
                Error(ctx, steps[cycleAt].Raw, process, $"steps.{cycleAt}", "the workflow has a cycle through this step");
                break;
            }
        }
    }

    private static bool Visit(string id, Dictionary<string, HashSet<string>> deps, Dictionary<string, int> state, out string cycleAt)
    {
        cycleAt = id;
        if (state.TryGetValue(id, out var s))
        {
            return s == 1;
        }

        state[id] = 1;
        foreach (var d in deps.GetValueOrDefault(id) ?? [])
        {
            if (Visit(d, deps, state, out cycleAt))
            {
                return true;
            }
        }

        state[id] = 2;
        return false;
    }

    private static void CheckTypes(LoadContext ctx, CwlProcess wf, CwlStep step, CwlStepInput si, JsonNode? sourceType, string src)
    {
        if (si.Source.Count != 1 || si.SourceIsList || si.ValueFrom is not null || si.PickValue is not null ||
            step.Scatter.Contains(si.Id) || sourceType is null)
        {
            return;
        }

        var sink = step.Run.Inputs.FirstOrDefault(i => i.Id == si.Id);
        if (sink?.Type is null)
        {
            return;
        }

        if (!Types.Compatible(sourceType, sink.Type))
        {
            Error(ctx, step.Raw["in"] ?? step.Raw, wf, $"steps.{step.Id}.in.{si.Id}",
                $"type mismatch: source '{src}' is {Types.Describe(sourceType)} but the input is {Types.Describe(sink.Type)}");
        }
    }

    private static void Error(LoadContext ctx, JsonNode node, CwlProcess wf, string path, string message) =>
        ctx.Error(node, wf.File, path, message);
}

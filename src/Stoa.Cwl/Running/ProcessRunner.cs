using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Model;
using Stoa.Cwl.Workflows;

namespace Stoa.Cwl.Running;

/// <summary>Runs any process class with the requirements it inherits; workflows recurse through here.</summary>
internal static class ProcessRunner
{
    public static Task<JsonObject> RunAsync(RunContext ctx, CwlProcess process, JsonObject inputs, RequirementSet reqs, string name)
    {
        ctx.Cancellation.ThrowIfCancellationRequested();
        return process.Class switch
        {
            "CommandLineTool" => new ToolJob(ctx, process, reqs, name).RunAsync(inputs),
            "ExpressionTool" => new ExpressionToolJob(ctx, process, reqs, name).RunAsync(inputs),
            "Workflow" => new WorkflowRunner(ctx, process, reqs, name).RunAsync(inputs),
            _ => throw new CwlUnsupportedFeatureException($"{process.Id}: an {process.Class} has no implementation to run"),
        };
    }
}

using Stoa.Cwl.Loading;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Workflows;

/// <summary>Resolves a <c>source</c> / <c>outputSource</c> reference to a workflow input or a step output.</summary>
internal static class Sources
{
    /// <summary>(step id or null for a workflow input, port id).</summary>
    public static (string? Step, string Port) Parse(CwlProcess workflow, string source)
    {
        var frag = References.Fragment(source);
        var wfFrag = References.Fragment(workflow.Id);
        if (workflow.Id.Contains('#', StringComparison.Ordinal) && frag.StartsWith(wfFrag + "/", StringComparison.Ordinal))
        {
            frag = frag[(wfFrag.Length + 1)..];
        }

        var stepIds = workflow.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var inputIds = workflow.Inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        if (inputIds.Contains(frag))
        {
            return (null, frag);
        }

        var slash = frag.LastIndexOf('/');
        if (slash > 0)
        {
            var port = frag[(slash + 1)..];
            var step = frag[..slash];
            var stepSlash = step.LastIndexOf('/');
            var stepShort = stepSlash >= 0 ? step[(stepSlash + 1)..] : step;
            if (stepIds.Contains(step))
            {
                return (step, port);
            }

            if (stepIds.Contains(stepShort))
            {
                return (stepShort, port);
            }
        }

        return (null, References.ShortName(frag));
    }
}

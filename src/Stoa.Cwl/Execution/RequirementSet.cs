using System.Text.Json.Nodes;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Execution;

/// <summary>
/// The requirements and hints in force for one process, most specific first: the process's own requirements,
/// then those of the enclosing steps and workflows, then hints in the same order.
/// </summary>
internal sealed class RequirementSet
{
    private readonly List<JsonObject> _requirements;
    private readonly List<JsonObject> _hints;

    private RequirementSet(List<JsonObject> requirements, List<JsonObject> hints)
    {
        _requirements = requirements;
        _hints = hints;
    }

    public static RequirementSet Empty { get; } = new([], []);

    /// <summary>The set for <paramref name="process"/> run inside a context with the given inherited set and step.</summary>
    public RequirementSet For(CwlProcess process, CwlStep? step = null)
    {
        var reqs = new List<JsonObject>(process.Requirements);
        var hints = new List<JsonObject>(process.Hints);
        if (step is not null)
        {
            reqs.AddRange(step.Requirements);
            hints.AddRange(step.Hints);
        }

        reqs.AddRange(_requirements);
        hints.AddRange(_hints);
        return new RequirementSet(reqs, hints);
    }

    /// <summary>The most specific requirement of the class, else the most specific hint, else null.</summary>
    public JsonObject? Find(string cls) => FindRequirement(cls) ?? FindHint(cls);

    public JsonObject? FindRequirement(string cls) => _requirements.FirstOrDefault(r => Is(r, cls));

    public JsonObject? FindHint(string cls) => _hints.FirstOrDefault(r => Is(r, cls));

    public bool Has(string cls) => Find(cls) is not null;

    public IEnumerable<JsonObject> Requirements => _requirements;

    private static bool Is(JsonObject r, string cls) =>
        r["class"] is JsonValue v && v.TryGetValue<string>(out var c) &&
        (c == cls || c.EndsWith("#" + cls, StringComparison.Ordinal) || c.EndsWith(":" + cls, StringComparison.Ordinal));
}

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

    private readonly List<JsonObject> _overrides;

    private RequirementSet(List<JsonObject> requirements, List<JsonObject> hints, List<JsonObject> overrides)
    {
        _requirements = requirements;
        _hints = hints;
        _overrides = overrides;
    }

    public static RequirementSet Empty { get; } = new([], [], []);

    /// <summary>
    /// Requirements given with the input object (<c>cwl:requirements</c>): they win over every document-level
    /// requirement of the same class, at every depth of the run.
    /// </summary>
    public static RequirementSet WithOverrides(IEnumerable<JsonObject> overrides) => new([], [], overrides.ToList());

    /// <summary>The set for <paramref name="process"/> run inside a context with the given inherited set and step.</summary>
    public RequirementSet For(CwlProcess process, CwlStep? step = null)
    {
        var reqs = new List<JsonObject>(_overrides);
        reqs.AddRange(process.Requirements);
        var hints = new List<JsonObject>(process.Hints);
        if (step is not null)
        {
            reqs.AddRange(step.Requirements);
            hints.AddRange(step.Hints);
        }

        reqs.AddRange(_requirements.Where(r => !_overrides.Contains(r)));
        hints.AddRange(_hints);
        return new RequirementSet(reqs, hints, _overrides);
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

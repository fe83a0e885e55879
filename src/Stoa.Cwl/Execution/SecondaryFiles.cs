using System.Text.Json.Nodes;
using Stoa.Cwl.Expressions;

namespace Stoa.Cwl.Execution;

/// <summary>
/// Finds a primary file's secondary files from CWL patterns: <c>^.ext</c> / <c>.ext</c> strings applied to the
/// basename, or expressions (with <c>self</c> = the primary) returning names relative to it or File objects.
/// </summary>
internal static class SecondaryFiles
{
    // requiredByDefault: true for inputs, false for outputs (the spec's defaults).
    public static JsonArray Find(JsonObject primary, JsonArray patterns, ExpressionEvaluator eval, JsonNode? inputs, JsonNode? runtime, bool requiredByDefault)
    {
        var found = new JsonArray();
        var dir = Path.GetDirectoryName(FileObjects.LocalPath(primary) ?? "") ?? "";
        var scope = new ExpressionScope(inputs, primary, runtime);
        foreach (var sf in patterns.OfType<JsonObject>())
        {
            var requiredNode = sf["required"];
            var computed = ExpressionEvaluator.IsExpression(requiredNode);
            if (computed)
            {
                requiredNode = eval.Evaluate(requiredNode, scope);
            }

            // An expression that gives null (e.g. an absent optional input) means "not required", as in cwltool;
            // only a field left out takes the default.
            var required = requiredNode is JsonValue rv && rv.TryGetValue<bool>(out var r) ? r : !computed && requiredByDefault;
            var pattern = sf["pattern"];
            var candidates = new List<JsonNode?>();
            if (ExpressionEvaluator.IsExpression(pattern))
            {
                var result = eval.Evaluate(pattern, scope);
                if (result is JsonArray ra)
                {
                    candidates.AddRange(ra.Select(x => x?.DeepClone()));
                }
                else
                {
                    candidates.Add(result);
                }
            }
            else if (FileObjects.Str(pattern) is { } pat)
            {
                candidates.Add(JsonValue.Create(FileObjects.ApplyPattern(FileObjects.Str(primary["basename"]) ?? "", pat)));
            }

            foreach (var c in candidates)
            {
                if (FileObjects.Str(c) is { } rel)
                {
                    var p = Path.Combine(dir, rel);
                    if (File.Exists(p) || Directory.Exists(p))
                    {
                        found.Add((JsonNode)FileObjects.FromDisk(p, checksum: false));
                    }
                    else if (required)
                    {
                        throw new CwlExpressionException($"missing required secondary file {p}");
                    }
                }
                else if (c is JsonObject co)
                {
                    InputBinder.ResolveRelative(co, Path.Combine(dir, "x"));
                    InputBinder.Normalize(co);
                    found.Add((JsonNode)co);
                }
            }
        }

        return found;
    }
}

using System.Text.Json.Nodes;

namespace Stoa.Cwl.Loading;

/// <summary>Schema Salad's <c>$import</c> (replace by a parsed document) and <c>$include</c> (replace by text).</summary>
internal static class Directives
{
    public static JsonNode? Expand(JsonNode? node, string file, LoadContext ctx)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj["$import"] is JsonValue iv && iv.TryGetValue<string>(out var import):
            {
                var target = References.Resolve(file, import);
                var (path, frag) = References.SplitFragment(target);
                var doc = ctx.ReadFile(path, obj, file);
                return frag is null ? doc : SelectFragment(doc, frag) ?? doc;
            }

            case JsonObject obj when obj.Count == 1 && obj["$include"] is JsonValue incv && incv.TryGetValue<string>(out var include):
            {
                var target = References.Resolve(file, include);
                ctx.IncludedFiles.Add(References.SplitFragment(target).Path);
                try
                {
                    return JsonValue.Create(File.ReadAllText(References.SplitFragment(target).Path));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CwlValidationException(new CwlValidationError(
                        ctx.Locations.Find(obj, file), "$include", $"cannot read '{target}': {ex.Message}"));
                }
            }

            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    var child = obj[key];
                    var expanded = Expand(child, file, ctx);
                    if (!ReferenceEquals(expanded, child))
                    {
                        obj[key] = Detach(expanded);
                    }
                }

                return obj;

            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    var child = arr[i];
                    var expanded = Expand(child, file, ctx);
                    if (!ReferenceEquals(expanded, child))
                    {
                        arr[i] = Detach(expanded);
                    }
                }

                return arr;

            default:
                return node;
        }
    }

    private static JsonNode? Detach(JsonNode? node)
    {
        if (node?.Parent is JsonObject po)
        {
            var key = po.First(p => ReferenceEquals(p.Value, node)).Key;
            po.Remove(key);
        }
        else if (node?.Parent is JsonArray pa)
        {
            pa.Remove(node);
        }

        return node;
    }

    private static JsonNode? SelectFragment(JsonNode? doc, string frag)
    {
        if (doc is JsonObject o && o["$graph"] is JsonArray g)
        {
            foreach (var item in g)
            {
                if (item is JsonObject io && io["id"] is JsonValue idv && idv.TryGetValue<string>(out var id) &&
                    References.Fragment(id) == frag)
                {
                    return Detach(item);
                }
            }
        }

        return null;
    }
}

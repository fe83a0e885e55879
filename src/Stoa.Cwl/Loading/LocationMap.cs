using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Stoa.Cwl.Loading;

/// <summary>
/// Remembers where each node of a loaded document came from, so validation can name file, line and column
/// long after the YAML text is gone. Keyed by node identity; nodes cloned later simply have no entry.
/// </summary>
internal sealed class LocationMap
{
    private readonly ConditionalWeakTable<JsonNode, SourceLocation> _locations = new();

    public void Set(JsonNode node, SourceLocation location) => _locations.AddOrUpdate(node, location);

    /// <summary>The node's own location, else its nearest located ancestor's, else the fallback file.</summary>
    public SourceLocation Find(JsonNode? node, string fallbackFile)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (_locations.TryGetValue(n, out var loc))
            {
                return loc;
            }
        }

        // Nothing located (e.g. an empty document): the error is about the document as a whole, from its start.
        return new SourceLocation(fallbackFile, 1, 1);
    }

    /// <summary>Copies locations from one tree onto a structurally identical clone.</summary>
    public void CopyTree(JsonNode? from, JsonNode? to)
    {
        if (from is null || to is null)
        {
            return;
        }

        if (_locations.TryGetValue(from, out var loc))
        {
            _locations.AddOrUpdate(to, loc);
        }

        switch (from)
        {
            case JsonObject fo when to is JsonObject tobj:
                foreach (var (k, v) in fo)
                {
                    if (tobj.TryGetPropertyValue(k, out var tv))
                    {
                        CopyTree(v, tv);
                    }
                }

                break;
            case JsonArray fa when to is JsonArray ta && fa.Count == ta.Count:
                for (var i = 0; i < fa.Count; i++)
                {
                    CopyTree(fa[i], ta[i]);
                }

                break;
        }
    }
}

using System.Text.Json.Nodes;
using Stoa.Worktables.Values;

namespace Stoa.Worktables.Hashing;

/// <summary>
/// The identity of a row's inputs: SHA-256 of their canonical JSON in which every File and Directory is replaced
/// by its content checksum, so moving or touching a file changes nothing and editing a cell back to an earlier
/// value gives back the earlier identity. A row needs a run exactly when (this hash, the workflow hash) differs
/// from the pair its stored outputs were made from.
/// </summary>
internal static class RowIdentity
{
    public static string InputHash(IReadOnlyDictionary<string, JsonNode?> inputs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in inputs)
        {
            o[k] = ContentOnly(v);
        }

        return ContentHasher.Sha256(CanonicalJson.Write(o));
    }

    /// <summary>
    /// A row's canonical cell text and its identity together. When no cell holds a File or Directory with a
    /// checksum, the identity text is the canonical text itself, so one serialisation serves both (the bulk path:
    /// hashing used to copy and serialise every row twice).
    /// </summary>
    public static (string CanonicalJson, string InputHash) Seal(IReadOnlyDictionary<string, JsonNode?> inputs)
    {
        var utf8 = CanonicalJson.WriteCellsUtf8(inputs).Span;
        var text = System.Text.Encoding.UTF8.GetString(utf8);
        foreach (var v in inputs.Values)
        {
            if (HoldsContent(v))
            {
                return (text, InputHash(inputs));
            }
        }

        return (text, ContentHasher.Sha256(utf8));
    }

    public static string OutputHash(IReadOnlyDictionary<string, JsonNode?> outputs) => InputHash(outputs);

    /// <summary>Whether <see cref="ContentOnly"/> would change the node: it holds a File or Directory with a checksum.</summary>
    private static bool HoldsContent(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when (string?)o["class"] is "File" or "Directory" && o["checksum"] is not null:
                return true;
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    if (HoldsContent(v))
                    {
                        return true;
                    }
                }

                return false;
            case JsonArray a:
                foreach (var v in a)
                {
                    if (HoldsContent(v))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static JsonNode? ContentOnly(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["class"] is "File" or "Directory" && o["checksum"] is not null && o["secondaryFiles"] is JsonArray secondary =>
            new JsonObject { ["class"] = (string?)o["class"], ["checksum"] = (string?)o["checksum"], ["secondaryFiles"] = ContentOnly(secondary) },
        JsonObject o when (string?)o["class"] is "File" or "Directory" && o["checksum"] is not null =>
            new JsonObject { ["class"] = (string?)o["class"], ["checksum"] = (string?)o["checksum"] },
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, ContentOnly(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(ContentOnly)]),
        _ => node?.DeepClone(),
    };
}

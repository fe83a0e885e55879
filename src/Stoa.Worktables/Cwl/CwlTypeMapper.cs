using System.Text.Json.Nodes;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Cwl;

/// <summary>
/// Stoa.Cwl's normalised parameter type (a name, a <c>["null", T]</c> union, or an array/record/enum object)
/// → a column type. A union of several non-null types has no single column type and becomes <c>Any</c>.
/// </summary>
internal static class CwlTypeMapper
{
    public static ColumnType Map(JsonNode? type, bool optional)
    {
        var mapped = MapCore(type);
        return optional ? mapped.AsOptional() : mapped;
    }

    private static ColumnType MapCore(JsonNode? type)
    {
        switch (type)
        {
            case null:
                return ColumnType.Any.AsOptional();
            case JsonValue v when v.TryGetValue<string>(out var name):
                return name switch
                {
                    "boolean" => ColumnType.Boolean,
                    "int" => ColumnType.Int,
                    "long" => ColumnType.Long,
                    "float" => ColumnType.Float,
                    "double" => ColumnType.Double,
                    "string" => ColumnType.String,
                    "File" or "stdout" or "stderr" => ColumnType.File,
                    "Directory" => ColumnType.Directory,
                    "null" => ColumnType.Any.AsOptional(),
                    _ => ColumnType.Any,
                };
            case JsonArray union:
            {
                var hasNull = union.Any(t => t is JsonValue n && n.TryGetValue<string>(out var s) && s == "null");
                var others = union.Where(t => !(t is JsonValue n && n.TryGetValue<string>(out var s) && s == "null")).ToList();
                var inner = others.Count == 1 ? MapCore(others[0]) : ColumnType.Any;
                return hasNull ? inner.AsOptional() : inner;
            }

            case JsonObject o:
                return (string?)o["type"] switch
                {
                    "array" => ColumnType.Array(MapCore(o["items"])),
                    "enum" => ColumnType.Enum([.. o["symbols"]!.AsArray().Select(s => (string)s!)]),
                    "record" => ColumnType.Record([.. o["fields"]!.AsArray().Select(f => new RecordField(Short((string)f!["name"]!), MapCore(f["type"])))]),
                    _ => ColumnType.Any,
                };
            default:
                return ColumnType.Any;
        }
    }

    private static string Short(string name)
    {
        var i = Math.Max(name.LastIndexOf('#'), name.LastIndexOf('/'));
        return i >= 0 ? name[(i + 1)..] : name;
    }
}

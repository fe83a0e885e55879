using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stoa.Cwl;

/// <summary>Checks of values against normalised CWL types.</summary>
internal static class Types
{
    public static string? Name(JsonNode? type) => type is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Kind(JsonNode? type) => type is JsonObject o ? Name(o["type"]) : Name(type);

    public static bool AcceptsNull(JsonNode? type) => type switch
    {
        null => true,
        JsonArray a => a.Any(AcceptsNull),
        _ => Name(type) == "null",
    };

    /// <summary>Reads any JSON number as a double, whatever CLR type backs the node.</summary>
    public static double? Number(JsonNode? n)
    {
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return v.TryGetValue<decimal>(out var m) ? (double)m : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool IsNumber(JsonNode? v) => v is JsonValue jv && jv.GetValueKind() == JsonValueKind.Number;

    public static bool IsInteger(JsonNode? v)
    {
        if (Number(v) is not { } d || Math.Floor(d) != d || Math.Abs(d) > 9.2e18)
        {
            return false;
        }

        var text = v!.ToJsonString();
        return !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsString(JsonNode? v) => v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String;

    public static bool IsBool(JsonNode? v) => v is JsonValue jv && jv.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    public static string? ClassOf(JsonNode? v) => v is JsonObject o && o["class"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True when <paramref name="value"/> is a valid instance of <paramref name="type"/>.</summary>
    public static bool Matches(JsonNode? value, JsonNode? type)
    {
        switch (type)
        {
            case null:
                return true;
            case JsonArray union:
                return union.Any(t => Matches(value, t));
            case JsonObject o:
                switch (Name(o["type"]))
                {
                    case "array":
                        return value is JsonArray arr && arr.All(x => Matches(x, o["items"]));
                    case "record":
                        if (value is not JsonObject rec || ClassOf(value) is "File" or "Directory")
                        {
                            return false;
                        }

                        return o["fields"] is not JsonArray fields ||
                               fields.All(f => Matches(rec[Name(f!["name"]) ?? ""], f!["type"]));
                    case "enum":
                        return value is JsonValue ev && ev.TryGetValue<string>(out var sym) &&
                               o["symbols"] is JsonArray syms && syms.Any(s => Name(s) == sym);
                    default:
                        return Matches(value, o["type"]);
                }

            default:
                return Name(type) switch
                {
                    "null" => value is null,
                    "Any" => value is not null,
                    "boolean" => IsBool(value),
                    "int" or "long" => IsInteger(value),
                    "float" or "double" => IsNumber(value),
                    "string" => IsString(value),
                    "File" => ClassOf(value) == "File",
                    "Directory" => ClassOf(value) == "Directory",
                    "stdout" or "stderr" or "stdin" => ClassOf(value) == "File",
                    _ => false,
                };
        }
    }

    /// <summary>Like <see cref="Matches"/>, but an output of type Any may be null.</summary>
    public static bool MatchesOutput(JsonNode? value, JsonNode? type) =>
        (value is null && Name(type) == "Any") || Matches(value, type);

    /// <summary>The first member of a union the value matches (the type itself when not a union).</summary>
    public static JsonNode? Select(JsonNode? value, JsonNode? type)
    {
        if (type is JsonArray union)
        {
            foreach (var t in union)
            {
                if (Matches(value, t))
                {
                    return Select(value, t);
                }
            }

            return null;
        }

        return type;
    }

    /// <summary>A short human description of a type for messages.</summary>
    public static string Describe(JsonNode? type) => type switch
    {
        null => "Any",
        JsonArray a => string.Join(" | ", a.Select(Describe)),
        JsonObject o when Name(o["type"]) == "array" => Describe(o["items"]) + "[]",
        JsonObject o when Name(o["type"]) == "enum" => "enum(" + string.Join(",", ((o["symbols"] as JsonArray) ?? []).Select(s => Name(s))) + ")",
        JsonObject o => Name(o["type"]) ?? "record",
        _ => Name(type) ?? type.ToJsonString(),
    };

    /// <summary>A short description of a value's kind for messages.</summary>
    public static string DescribeValue(JsonNode? v) => v switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject o => ClassOf(o) ?? "object",
        JsonValue jv => jv.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "value",
        },
        _ => "value",
    };

    /// <summary>Whether a value of type <paramref name="from"/> can flow into a port of type <paramref name="to"/>.</summary>
    public static bool Compatible(JsonNode? from, JsonNode? to)
    {
        if (from is null || to is null || Name(to) == "Any" || Name(from) == "Any")
        {
            return true;
        }

        if (from is JsonArray fu)
        {
            return fu.Any(f => Compatible(f, to));
        }

        if (to is JsonArray tu)
        {
            return tu.Any(t => Compatible(from, t));
        }

        var fk = Kind(from);
        var tk = Kind(to);
        if (fk == "array" && tk == "array")
        {
            return Compatible(((JsonObject)from)["items"], ((JsonObject)to)["items"]);
        }

        if (fk is "int" or "long" or "float" or "double" && tk is "int" or "long" or "float" or "double")
        {
            return true;
        }

        if (fk is "stdout" or "stderr" or "stdin")
        {
            fk = "File";
        }

        if (tk is "stdin")
        {
            tk = "File";
        }

        if (fk == "record" && tk == "record")
        {
            return true;
        }

        if ((fk == "enum" && tk == "string") || (fk == "string" && tk == "enum") || (fk == "enum" && tk == "enum"))
        {
            return true;
        }

        return fk == tk;
    }
}

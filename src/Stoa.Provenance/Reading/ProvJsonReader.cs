using System.Globalization;
using System.Text.Json;

namespace Stoa.Provenance;

/// <summary>Reads PROV-JSON (W3C member submission 2013) into a <see cref="ProvDocument"/>, as strictly as <see cref="ProvNReader"/>.</summary>
internal static class ProvJsonReader
{
    private static readonly HashSet<string> ElementKeys = ["entity", "activity", "agent"];

    public static ProvDocument Read(Stream stream, string? source)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ProvFormatException(e.Message, source, $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ProvFormatException("a PROV-JSON document is an object", source, "$");
            }

            var document = new ProvDocument();
            var scope = ReadContainer(root, document, new Dictionary<string, ProvNamespace>(StringComparer.Ordinal), source, "$");
            if (root.TryGetProperty("bundle", out var bundles))
            {
                foreach (var b in bundles.EnumerateObject())
                {
                    var path = $"$.bundle.{b.Name}";
                    var bundle = document.Bundle(Resolve(b.Name, scope, source, path));
                    ReadContainer(b.Value, bundle, new Dictionary<string, ProvNamespace>(scope, StringComparer.Ordinal), source, path);
                }
            }

            return document;
        }
    }

    private static Dictionary<string, ProvNamespace> ReadContainer(JsonElement obj, ProvContainer container,
        Dictionary<string, ProvNamespace> scope, string? source, string path)
    {
        if (obj.TryGetProperty("prefix", out var prefixes))
        {
            foreach (var p in prefixes.EnumerateObject())
            {
                if (p.Name == "default")
                {
                    throw new ProvFormatException("the default namespace is not supported; use a prefix", source, path + ".prefix.default");
                }

                try
                {
                    scope[p.Name] = container.AddNamespace(p.Name, p.Value.GetString() ?? "");
                }
                catch (ArgumentException e)
                {
                    throw new ProvFormatException(e.Message, source, $"{path}.prefix.{p.Name}");
                }
            }
        }

        foreach (var section in obj.EnumerateObject())
        {
            if (section.Name is "prefix" or "bundle")
            {
                continue;
            }

            var shape = RelationShape.FromKeyword(section.Name);
            if (shape is null && !ElementKeys.Contains(section.Name))
            {
                throw new ProvFormatException($"unknown section '{section.Name}'", source, $"{path}.{section.Name}");
            }

            foreach (var member in section.Value.EnumerateObject())
            {
                var at = $"{path}.{section.Name}.{member.Name}";
                IEnumerable<JsonElement> bodies = member.Value.ValueKind == JsonValueKind.Array
                    ? member.Value.EnumerateArray() : [member.Value];
                foreach (var body in bodies)
                {
                    container.Add(shape is null
                        ? ReadElement(section.Name, member.Name, body, scope, source, at)
                        : ReadRelation(shape, member.Name, body, scope, source, at));
                }
            }
        }

        return scope;
    }

    private static ProvRecord ReadElement(string kind, string id, JsonElement body, Dictionary<string, ProvNamespace> scope,
        string? source, string path)
    {
        var name = Resolve(id, scope, source, path);
        DateTimeOffset? start = null, end = null;
        var attributes = new List<ProvAttribute>();
        foreach (var p in body.EnumerateObject())
        {
            if (kind == "activity" && p.Name is "prov:startTime" or "prov:endTime")
            {
                var t = Time(p.Value, source, $"{path}.{p.Name}");
                if (p.Name == "prov:startTime")
                {
                    start = t;
                }
                else
                {
                    end = t;
                }

                continue;
            }

            ReadAttribute(p, attributes, scope, source, path);
        }

        return kind switch
        {
            "entity" => new ProvEntity(name, attributes),
            "agent" => new ProvAgent(name, attributes),
            _ => new ProvActivity(name, start, end, attributes),
        };
    }

    private static ProvRelation ReadRelation(RelationShape shape, string id, JsonElement body,
        Dictionary<string, ProvNamespace> scope, string? source, string path)
    {
        var terms = new QualifiedName?[shape.Terms.Length];
        DateTimeOffset? time = null;
        var attributes = new List<ProvAttribute>();
        foreach (var p in body.EnumerateObject())
        {
            var index = Array.FindIndex(shape.Terms, t => "prov:" + t.Name == p.Name);
            if (index >= 0)
            {
                terms[index] = Resolve(p.Value.GetString() ?? "", scope, source, $"{path}.{p.Name}");
            }
            else if (shape.HasTime && p.Name == "prov:time")
            {
                time = Time(p.Value, source, $"{path}.{p.Name}");
            }
            else
            {
                ReadAttribute(p, attributes, scope, source, path);
            }
        }

        for (var i = 0; i < terms.Length; i++)
        {
            if (shape.Terms[i].Required && terms[i] is null)
            {
                throw new ProvFormatException($"{shape.Keyword}: the required term prov:{shape.Terms[i].Name} is missing", source, path);
            }
        }

        var relationId = id.StartsWith("_:", StringComparison.Ordinal) ? (QualifiedName?)null : Resolve(id, scope, source, path);
        try
        {
            return ProvRelation.Create(shape.Kind, terms, time, relationId, shape.HasIdAndAttributes ? attributes : null);
        }
        catch (ArgumentException e)
        {
            throw new ProvFormatException(e.Message, source, path);
        }
    }

    private static void ReadAttribute(JsonProperty p, List<ProvAttribute> attributes, Dictionary<string, ProvNamespace> scope,
        string? source, string path)
    {
        var at = $"{path}.{p.Name}";
        var name = Resolve(p.Name, scope, source, at);
        IEnumerable<JsonElement> values = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray() : [p.Value];
        foreach (var v in values)
        {
            attributes.Add(new ProvAttribute(name, Value(v, scope, source, at)));
        }
    }

    private static ProvValue Value(JsonElement v, Dictionary<string, ProvNamespace> scope, string? source, string path)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                return ProvValue.String(v.GetString()!);
            case JsonValueKind.True:
            case JsonValueKind.False:
                return ProvValue.Boolean(v.GetBoolean());
            case JsonValueKind.Number:
                return v.TryGetInt64(out var l) ? ProvValue.Long(l) : ProvValue.Double(v.GetDouble());
            case JsonValueKind.Object when v.TryGetProperty("$", out var lexicalElement):
                var lexical = lexicalElement.ValueKind == JsonValueKind.String ? lexicalElement.GetString()! : lexicalElement.GetRawText();
                if (v.TryGetProperty("lang", out var lang))
                {
                    return ProvValue.LangString(lexical, lang.GetString()!);
                }

                if (!v.TryGetProperty("type", out var type))
                {
                    return ProvValue.String(lexical);
                }

                var typeName = type.GetString()!;
                if (typeName is "prov:QUALIFIED_NAME" or "xsd:QName")
                {
                    return ProvValue.QualifiedName(Resolve(lexical, scope, source, path));
                }

                var datatype = Resolve(typeName, scope, source, path + ".type");
                if (ProvValue.IsXsdFloat(datatype))
                {
                    throw new ProvFormatException("xsd:float is not accepted (Stoa writes xsd:double)", source, path);
                }

                if (datatype.Uri == ProvVocabulary.Xsd.Uri + "dateTime" && !ProvTime.HasZone(lexical))
                {
                    throw new ProvFormatException($"time '{lexical}' has no time zone", source, path);
                }

                return ProvValue.Typed(lexical, datatype);
            default:
                throw new ProvFormatException($"a {v.ValueKind} is not a PROV-JSON value", source, path);
        }
    }

    private static DateTimeOffset Time(JsonElement v, string? source, string path)
    {
        var s = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
        return ProvTime.TryParse(s, out var t) ? t
            : throw new ProvFormatException(ProvTime.HasZone(s) ? $"'{s}' is not an xsd:dateTime" : $"time '{s}' has no time zone", source, path);
    }

    private static QualifiedName Resolve(string qname, Dictionary<string, ProvNamespace> scope, string? source, string path)
    {
        var colon = qname.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ProvFormatException($"'{qname}' is not a qualified name (prefix:local)", source, path);
        }

        var prefix = qname[..colon];
        var ns = prefix switch
        {
            "prov" => ProvVocabulary.Prov,
            "xsd" => ProvVocabulary.Xsd,
            _ => scope.GetValueOrDefault(prefix)
                ?? throw new ProvFormatException($"prefix '{prefix}' is not declared", source, path),
        };
        return ns[qname[(colon + 1)..]];
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json.Nodes;
using Stoa.Worktables.Model;
using Stoa.Worktables.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stoa.Worktables.Bundles;

/// <summary>
/// <c>template.yml</c>: a YAML mapping of input column → default value for new rows (a CWL job object). Scalars are
/// read by the column's type (so <c>obs_id: 042</c> stays the text "042" in a string column), Files as a path
/// relative to the bundle or a <c>{class: File, location: …}</c> mapping. Written back as one <c>key: JSON</c>
/// line per default (JSON is YAML).
/// </summary>
internal static class WtxTemplateFile
{
    /// <summary>Defaults by column, each with its line, typed by the workflow's inputs (unknown keys untyped).</summary>
    public static IReadOnlyList<(string Column, int Line, JsonNode? Value)> Parse(string bundle, string path, IReadOnlyList<ColumnDefinition> inputs)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new Errors.WtxFormatException(bundle, WtxArchive.Template, (int)e.Start.Line, null, "not valid YAML: " + e.Message, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new Errors.WtxFormatException(bundle, WtxArchive.Template, (int)stream.Documents[0].RootNode.Start.Line, null, "the template must be a mapping of input column to default value.");
        }

        var list = new List<(string, int, JsonNode?)>();
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value
                ?? throw new Errors.WtxFormatException(bundle, WtxArchive.Template, (int)key.Start.Line, null, "a key must be a column name.");
            list.Add((name, (int)key.Start.Line, ToJson(value, inputs.FirstOrDefault(c => c.Name == name)?.Type)));
        }

        return list;
    }

    public static void Write(TextWriter w, IReadOnlyDictionary<string, JsonNode?> defaults)
    {
        w.Write("# default input values for new rows\n");
        foreach (var (k, v) in defaults.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write($"{CanonicalJson.Write(JsonValue.Create(k))}: {CanonicalJson.Write(v)}\n");
        }
    }

    private static JsonNode? ToJson(YamlNode node, ColumnType? type) => node switch
    {
        YamlScalarNode s => Scalar(s, type),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(c => ToJson(c, type?.Kind == ColumnTypeKind.Array ? type.Items : null))]),
        YamlMappingNode m => new JsonObject(m.Children.Select(p =>
        {
            var k = (p.Key as YamlScalarNode)?.Value ?? "";
            var fieldType = type?.Kind == ColumnTypeKind.Record ? type.Fields.FirstOrDefault(f => f.Name == k)?.Type : null;
            return KeyValuePair.Create(k, ToJson(p.Value, fieldType));
        })),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode s, ColumnType? type)
    {
        var text = s.Value ?? "";
        var plain = s.Style is ScalarStyle.Plain or ScalarStyle.Any;
        if (plain && text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        var kind = type?.Kind ?? ColumnTypeKind.Any;
        if (!plain || kind is ColumnTypeKind.String or ColumnTypeKind.Enum or ColumnTypeKind.File or ColumnTypeKind.Directory)
        {
            return JsonValue.Create(text);
        }

        // A value that does not parse as the column's type stays text, and the column check reports it with its line.
        if (kind is ColumnTypeKind.Boolean or ColumnTypeKind.Any && bool.TryParse(text, out var b))
        {
            return JsonValue.Create(b);
        }

        if (kind is ColumnTypeKind.Int or ColumnTypeKind.Long or ColumnTypeKind.Any && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (kind is ColumnTypeKind.Float or ColumnTypeKind.Double or ColumnTypeKind.Any && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }
}

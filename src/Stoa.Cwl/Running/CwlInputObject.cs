using System.Globalization;
using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Loading;

namespace Stoa.Cwl;

/// <summary>Builds CWL input objects from job files (YAML or JSON) and from <c>--name value</c> arguments.</summary>
public static class CwlInputObject
{
    /// <summary>Reads a job file; File and Directory locations are made absolute relative to the file.</summary>
    /// <param name="path">A YAML or JSON file holding a mapping from input ids to values.</param>
    /// <returns>The input object.</returns>
    /// <exception cref="CwlValidationException">The file cannot be read, is not YAML, or is not a mapping.</exception>
    public static JsonObject Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(References.ToLocalPath(path));
        var ctx = new LoadContext();
        var root = ctx.ReadFile(full);
        if (root is null)
        {
            return [];
        }

        if (root is not JsonObject obj)
        {
            throw new CwlValidationException(new CwlValidationError(ctx.Locations.Find(root, full), "", "an input object must be a mapping"));
        }

        obj.Remove("$namespaces");
        obj.Remove("$schemas");
        obj.Remove("cwl:tool");
        InputBinder.ResolveRelative(obj, full);
        FileObjects.Visit(obj, o =>
        {
            if (FileObjects.Str(o["format"]) is { } f)
            {
                o["format"] = ctx.ExpandTerm(f);
            }
        });
        return obj;
    }

    /// <summary>
    /// Builds (or extends) an input object from <c>--name value</c> pairs, typed by the document's inputs:
    /// File/Directory values are paths relative to <paramref name="baseDirectory"/>, arrays repeat the option,
    /// booleans may stand alone (<c>--flag</c>).
    /// </summary>
    /// <param name="document">The process whose inputs give the types.</param>
    /// <param name="arguments">The arguments after the tool and job file.</param>
    /// <param name="baseDirectory">Directory that relative paths are resolved against.</param>
    /// <param name="into">An input object to add to (e.g. from a job file), or null.</param>
    /// <returns>The input object.</returns>
    /// <exception cref="CwlValidationException">An unknown input name, or a value of the wrong type.</exception>
    public static JsonObject FromArguments(CwlDocument document, IReadOnlyList<string> arguments, string baseDirectory, JsonObject? into = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(arguments);
        var result = into ?? [];
        var byName = document.Process.Inputs.ToDictionary(i => i.Id, StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var arg = arguments[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw Error($"unexpected argument '{arg}' (inputs are given as --name value)");
            }

            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!byName.TryGetValue(name, out var p) && !byName.TryGetValue(name.Replace('-', '_'), out p))
            {
                throw Error($"unknown input '--{name}'");
            }

            var type = NonNull(p.Type);
            if (Types.Name(type) == "boolean" && inline is null && (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                result[p.Id] = true;
                continue;
            }

            var text = inline ?? (i + 1 < arguments.Count ? arguments[++i] : throw Error($"--{name} needs a value"));
            if (type is JsonObject arr && Types.Kind(arr) == "array")
            {
                if (result[p.Id] is not JsonArray list)
                {
                    result[p.Id] = list = [];
                }

                list.Add(Convert(text, NonNull(arr["items"]), baseDirectory, name));
            }
            else
            {
                result[p.Id] = Convert(text, type, baseDirectory, name);
            }
        }

        return result;
    }

    private static JsonNode? NonNull(JsonNode? type) =>
        type is JsonArray u ? u.FirstOrDefault(t => Types.Name(t) != "null") : type;

    private static JsonNode? Convert(string text, JsonNode? type, string baseDirectory, string name)
    {
        switch (Types.Kind(type))
        {
            case "File" or "Directory":
                var path = Path.GetFullPath(Path.Combine(baseDirectory, References.ToLocalPath(text)));
                return new JsonObject { ["class"] = Types.Kind(type), ["location"] = References.ToUri(path) };
            case "int" or "long":
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l) : throw Error($"--{name}: '{text}' is not an integer");
            case "float" or "double":
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : throw Error($"--{name}: '{text}' is not a number");
            case "boolean":
                return text switch
                {
                    "true" or "True" => true,
                    "false" or "False" => false,
                    _ => throw Error($"--{name}: '{text}' is not true or false"),
                };
            case "string" or "enum":
                return JsonValue.Create(text);
            default:
                return YamlReader.ResolvePlain(text);
        }
    }

    private static CwlValidationException Error(string message) =>
        new(new CwlValidationError(new SourceLocation("<command line>", 0, 0), "", message));
}

using System.Text.Json.Nodes;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Loading;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Execution;

/// <summary>
/// Prepares a process's input object: applies defaults, resolves File/Directory objects (derived names, size,
/// listings, secondary files, contents), checks formats and validates every value against its declared type.
/// </summary>
internal sealed class InputBinder
{
    private readonly CwlProcess _process;
    private readonly RequirementSet _requirements;
    private readonly ExpressionEvaluator _eval;
    private readonly Ontology _ontology;
    private readonly bool _discover;

    public InputBinder(CwlProcess process, RequirementSet requirements, ExpressionEvaluator eval, Ontology ontology, bool discoverSecondaryFiles = true)
    {
        _discover = discoverSecondaryFiles;
        _process = process;
        _requirements = requirements;
        _eval = eval;
        _ontology = ontology;
    }

    /// <summary>Fills defaults and checks presence and types; throws <see cref="CwlValidationException"/> naming the input.</summary>
    public JsonObject Bind(JsonObject given)
    {
        var result = new JsonObject();
        var errors = new List<CwlValidationError>();
        foreach (var p in _process.Inputs)
        {
            var value = given.TryGetPropertyValue(p.Id, out var g) ? g?.DeepClone() : null;
            if (value is null && p.HasDefault && p.Default is not null)
            {
                value = p.Default.DeepClone();
                ResolveRelative(value, _process.File);
            }

            result[p.Id] = value;
        }

        foreach (var p in _process.Inputs)
        {
            var value = result[p.Id];
            try
            {
                Normalize(value);
                if (!Types.Matches(value, p.Type))
                {
                    errors.Add(Error(p, value is null
                        ? $"missing required input '{p.Id}' (type {Types.Describe(p.Type)})"
                        : $"input '{p.Id}' is {Types.DescribeValue(value)}, expected {Types.Describe(p.Type)}"));
                    continue;
                }

                Finish(value, p.Type, p.SecondaryFiles, p.LoadContents, p.LoadListing, p.Format, result, p.Id);
            }
            catch (CwlExpressionException ex)
            {
                errors.Add(Error(p, $"input '{p.Id}': {ex.Message}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new CwlValidationException(errors);
        }

        return result;
    }

    private CwlValidationError Error(CwlParameter p, string message) =>
        new(new SourceLocation(_process.File, 0, 0), "inputs." + p.Id, message);

    /// <summary>Resolves relative File/Directory locations in a value against <paramref name="baseFile"/>.</summary>
    public static void ResolveRelative(JsonNode? value, string baseFile)
    {
        FileObjects.Visit(value, o =>
        {
            if (FileObjects.Str(o["location"]) is { } loc && !loc.StartsWith("_:", StringComparison.Ordinal))
            {
                string abs;
                if (loc.StartsWith("file://", StringComparison.Ordinal))
                {
                    abs = References.ToLocalPath(loc);
                }
                else if (loc.Contains("://", StringComparison.Ordinal))
                {
                    return;
                }
                else
                {
                    // A relative URI reference: decode %XX, then resolve against the referring file.
                    var rel = Uri.UnescapeDataString(loc);
                    abs = Path.IsPathRooted(rel) ? rel : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(baseFile) ?? ".", rel));
                }

                o["location"] = References.ToUri(abs);
            }

            if (FileObjects.Str(o["path"]) is { } p)
            {
                var abs = Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(baseFile) ?? ".", p));
                o["path"] = abs;
                o["location"] ??= References.ToUri(abs);
            }
        });
    }

    /// <summary>Gives every File/Directory an absolute path and its derived names; checks the file exists.</summary>
    public static void Normalize(JsonNode? value)
    {
        FileObjects.Visit(value, o =>
        {
            var path = FileObjects.LocalPath(o);
            if (path is null)
            {
                // A literal: contents (File) or listing (Directory) without a location; staged later.
                o["basename"] ??= Types.ClassOf(o) == "File" ? "literal-" + Guid.NewGuid().ToString("N")[..8] : "dir-" + Guid.NewGuid().ToString("N")[..8];
                FileObjects.FillNames(o);
                if (Types.ClassOf(o) == "File" && o["contents"] is null)
                {
                    throw new CwlExpressionException("a File needs 'location', 'path' or 'contents'");
                }

                return;
            }

            var exists = Types.ClassOf(o) == "File" ? File.Exists(path) : Directory.Exists(path);
            if (!exists)
            {
                throw new CwlExpressionException($"{Types.ClassOf(o)} not found: {path}");
            }

            FileObjects.SetPath(o, path, keepBasename: true);
            if (Types.ClassOf(o) == "File")
            {
                o["size"] = FileObjects.Size(path);
            }
        });
    }

    private void Finish(JsonNode? value, JsonNode? type, JsonArray? secondaryFiles, bool loadContents, string? loadListing, JsonNode? format, JsonObject inputs, string name)
    {
        type = Types.Select(value, type);
        switch (value)
        {
            case JsonObject o when Types.ClassOf(o) == "File":
                if (secondaryFiles is not null && o["secondaryFiles"] is null && _discover)
                {
                    Discover(o, secondaryFiles, inputs);
                }
                else if (secondaryFiles is not null && !_discover)
                {
                    Verify(o, secondaryFiles);
                }

                if (loadContents && o["contents"] is null && FileObjects.LocalPath(o) is { } path)
                {
                    o["contents"] = FileObjects.ReadContents(path, name);
                }

                if (format is not null)
                {
                    CheckFormat(o, format, inputs, name);
                }

                break;
            case JsonObject o when Types.ClassOf(o) == "Directory":
                var mode = loadListing ?? DefaultListing();
                if (o["listing"] is null || (loadListing is not null && FileObjects.LocalPath(o) is not null))
                {
                    // An explicit loadListing reads the directory as it is now (an upstream step may have changed it).
                    FileObjects.FillListing(o, mode);
                }

                break;
            case JsonArray a:
                var items = type is JsonObject t && Types.Kind(t) == "array" ? t["items"] : null;
                foreach (var item in a)
                {
                    Finish(item, items, secondaryFiles, loadContents, loadListing, format, inputs, name);
                }

                break;
            case JsonObject rec when type is JsonObject rt && Types.Kind(rt) == "record" && rt["fields"] is JsonArray fields:
                foreach (var f in fields.OfType<JsonObject>())
                {
                    var fname = FileObjects.Str(f["name"]) ?? "";
                    var fsf = f["secondaryFiles"] as JsonArray;
                    var fmt = f["format"];
                    var lc = f["loadContents"] is JsonValue lv && lv.TryGetValue<bool>(out var b) && b;
                    Finish(rec[fname], f["type"], fsf, lc, FileObjects.Str(f["loadListing"]), fmt, inputs, name + "." + fname);
                }

                break;
        }
    }

    private string DefaultListing()
    {
        if (_requirements.Find("LoadListingRequirement") is { } req && FileObjects.Str(req["loadListing"]) is { } mode)
        {
            return mode;
        }

        return _process.CwlVersion.StartsWith("v1.0", StringComparison.Ordinal) ? "deep_listing" : "no_listing";
    }

    private void Discover(JsonObject primary, JsonArray patterns, JsonObject inputs) =>
        primary["secondaryFiles"] = SecondaryFiles.Find(primary, patterns, _eval, inputs, null, requiredByDefault: true);

    /// <summary>Inside a workflow a File must arrive with the secondary files its consumer requires.</summary>
    private static void Verify(JsonObject primary, JsonArray patterns)
    {
        var present = (primary["secondaryFiles"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => FileObjects.Str(s["basename"])).ToHashSet(StringComparer.Ordinal);
        foreach (var sf in patterns.OfType<JsonObject>())
        {
            var required = sf["required"] is not JsonValue rv || !rv.TryGetValue<bool>(out var r) || r;
            if (required && FileObjects.Str(sf["pattern"]) is { } pat && !ExpressionEvaluator.IsExpression(sf["pattern"]))
            {
                var expected = FileObjects.ApplyPattern(FileObjects.Str(primary["basename"]) ?? "", pat);
                if (!present.Contains(expected))
                {
                    throw new CwlExpressionException($"{primary["basename"]} arrives without its required secondary file {expected}");
                }
            }
        }
    }

    private void CheckFormat(JsonObject file, JsonNode format, JsonObject inputs, string name)
    {
        var allowed = _eval.Evaluate(format, new ExpressionScope(inputs, file, null));
        var list = allowed is JsonArray a ? a.Select(FileObjects.Str).OfType<string>().ToList() : [FileObjects.Str(allowed) ?? ""];
        var actual = FileObjects.Str(file["format"]);
        if (actual is not null && actual.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 &&
            !actual.Contains("://", StringComparison.Ordinal) && _process.Namespaces.TryGetValue(actual[..colon], out var ns))
        {
            actual = ns + actual[(colon + 1)..];
            file["format"] = actual;
        }

        if (actual is null)
        {
            throw new CwlExpressionException($"'{name}': file {file["basename"]} has no format; expected {string.Join(" or ", list)}");
        }

        if (!list.Any(f => _ontology.IsSubclassOrEqual(actual, f)))
        {
            throw new CwlExpressionException($"'{name}': file format {actual} is not {string.Join(" or ", list)}");
        }
    }
}

using System.Text.Json.Nodes;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Loading;

/// <summary>
/// Turns a raw process object into a validated <see cref="CwlProcess"/>: expands the map forms and shorthand
/// types, resolves ids to short names and named types to their definitions, and collects located errors.
/// </summary>
internal sealed class ProcessReader
{
    private readonly LoadContext _ctx;
    private readonly Dictionary<string, JsonObject> _graph;
    private readonly string _file;

    private ProcessReader(LoadContext ctx, string file, Dictionary<string, JsonObject> graph)
    {
        _ctx = ctx;
        _file = file;
        _graph = graph;
    }

    /// <summary>Loads the process at <paramref name="reference"/> (<c>path[#fragment]</c>).</summary>
    public static CwlProcess LoadProcess(LoadContext ctx, string reference, IReadOnlyDictionary<string, JsonNode>? parentTypes = null, JsonNode? referencedFrom = null, string? fromFile = null, bool throwOnErrors = true)
    {
        var (file, frag) = References.SplitFragment(reference);
        var root = ctx.ReadFile(file, referencedFrom, fromFile);
        var graph = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? version = null;
        JsonObject? chosen = null;
        if (root is JsonObject ro && ro["$graph"] is JsonArray g)
        {
            version = Str(ro["cwlVersion"]);
            foreach (var item in g)
            {
                if (item is JsonObject io && Str(io["id"]) is { } id)
                {
                    graph[References.Fragment(id)] = io;
                }
            }

            if (frag is not null)
            {
                graph.TryGetValue(frag, out chosen);
                if (chosen is null)
                {
                    throw new CwlValidationException(new CwlValidationError(ctx.Locations.Find(ro, file), "$graph", $"no process with id '#{frag}'"));
                }
            }
            else if (graph.TryGetValue("main", out var main))
            {
                chosen = main;
            }
            else if (g.Count == 1 && g[0] is JsonObject only)
            {
                chosen = only;
            }
            else
            {
                throw new CwlValidationException(new CwlValidationError(ctx.Locations.Find(ro, file), "$graph",
                    "packed document has no '#main' process; name one with TOOL#id"));
            }
        }
        else if (root is JsonObject obj)
        {
            chosen = obj;
            version = Str(obj["cwlVersion"]);
            if (frag is not null && Str(obj["id"]) is { } rid && References.Fragment(rid) != frag)
            {
                throw new CwlValidationException(new CwlValidationError(ctx.Locations.Find(obj, file), "id", $"document has no process '#{frag}'"));
            }
        }
        else
        {
            throw new CwlValidationException(new CwlValidationError(ctx.Locations.Find(root, file), "",
                "a CWL document must be a mapping with a 'class' field (or a '$graph')"));
        }

        if (version is null)
        {
            ctx.Error(chosen, file, "cwlVersion", "missing required field 'cwlVersion'");
            version = "v1.2";
        }
        else if (!Vocabulary.Versions.Contains(version))
        {
            ctx.Error(chosen["cwlVersion"] ?? chosen, file, "cwlVersion", $"unsupported cwlVersion '{version}' (expected v1.0, v1.1 or v1.2)");
        }

        var reader = new ProcessReader(ctx, file, graph);
        var process = reader.Read(chosen, version, parentTypes, "");
        if (throwOnErrors)
        {
            ctx.ThrowIfErrors();
        }

        return process;
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private void Error(JsonNode? node, string path, string message) => _ctx.Error(node, _file, path, message);

    private CwlProcess Read(JsonObject raw, string version, IReadOnlyDictionary<string, JsonNode>? parentTypes, string path)
    {
        var cls = Str(raw["class"]);
        if (cls is null)
        {
            Error(raw, Join(path, "class"), "missing required field 'class'");
            cls = "CommandLineTool";
        }
        else if (cls is not ("CommandLineTool" or "ExpressionTool" or "Workflow" or "Operation"))
        {
            Error(raw["class"], Join(path, "class"), $"unknown process class '{cls}'");
        }

        if (raw["cwlVersion"] is { } cv && Str(cv) is { } v2 && path.Length > 0)
        {
            version = v2;
        }

        var id = Str(raw["id"]);
        var process = new CwlProcess
        {
            Class = cls,
            Id = id is null ? _file : (id.StartsWith('#') ? _file + id : (id.Contains('#', StringComparison.Ordinal) ? id : _file + "#" + id)),
            File = _file,
            CwlVersion = version,
            Raw = raw,
            Namespaces = _ctx.Namespaces,
        };

        foreach (var (key, value) in raw)
        {
            var known = Vocabulary.ProcessFields.Contains(key) ||
                        (cls == "CommandLineTool" && Vocabulary.CommandLineToolFields.Contains(key)) ||
                        (cls == "ExpressionTool" && key == "expression") ||
                        (cls == "Workflow" && key == "steps");
            if (!known && !Vocabulary.IsExtension(key))
            {
                Error(value ?? raw, Join(path, key), $"unknown field '{key}' for {cls}");
            }
        }

        // Requirements first: SchemaDefRequirement types are needed to read parameter types.
        foreach (var (k, v) in parentTypes ?? new Dictionary<string, JsonNode>())
        {
            process.SchemaDefs[k] = v;
        }

        ReadRequirements(raw["requirements"], Join(path, "requirements"), process.Requirements, strict: true);
        ReadRequirements(raw["hints"], Join(path, "hints"), process.Hints, strict: false);
        foreach (var req in process.Requirements.Concat(process.Hints))
        {
            if (Str(req["class"]) == "SchemaDefRequirement")
            {
                ReadSchemaDefs(req, process.SchemaDefs, Join(path, "requirements"));
            }
        }

        if (raw["inputs"] is null)
        {
            Error(raw, Join(path, "inputs"), "missing required field 'inputs'");
        }

        if (raw["outputs"] is null)
        {
            Error(raw, Join(path, "outputs"), "missing required field 'outputs'");
        }

        foreach (var p in MapOrList(raw["inputs"], "type", Join(path, "inputs")))
        {
            process.Inputs.Add(ReadParameter(p.Obj, p.Id, p.Path, process.SchemaDefs, input: true, cls));
        }

        foreach (var p in MapOrList(raw["outputs"], "type", Join(path, "outputs")))
        {
            process.Outputs.Add(ReadParameter(p.Obj, p.Id, p.Path, process.SchemaDefs, input: false, cls));
        }

        CheckUnique(process.Inputs.Select(i => i.Id), raw["inputs"], Join(path, "inputs"));
        CheckUnique(process.Outputs.Select(i => i.Id), raw["outputs"], Join(path, "outputs"));

        switch (cls)
        {
            case "CommandLineTool":
                ReadCommandLineTool(raw, process, path);
                break;
            case "ExpressionTool":
                process.Expression = Str(raw["expression"]);
                if (process.Expression is null)
                {
                    Error(raw["expression"] ?? raw, Join(path, "expression"), "ExpressionTool needs an 'expression' string");
                }

                break;
            case "Workflow":
                ReadSteps(raw, process, path);
                break;
        }

        CheckVersionFeatures(process, path);
        return process;
    }

    /// <summary>Features newer than the declared cwlVersion are errors: a v1.0 document is read as v1.0 wrote it.</summary>
    private void CheckVersionFeatures(CwlProcess process, string path)
    {
        var v = process.CwlVersion;
        var v10 = v.StartsWith("v1.0", StringComparison.Ordinal);
        if (!v10 && !v.StartsWith("v1.1", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var step in process.Steps)
        {
            if (step.Raw["when"] is { } when)
            {
                Error(when, Join(path, $"steps.{step.Id}.when"), $"'when' needs cwlVersion v1.2 (the document says {v})");
            }

            if (step.Raw["in"] is JsonNode ins && ins.ToJsonString().Contains("\"pickValue\"", StringComparison.Ordinal))
            {
                Error(ins, Join(path, $"steps.{step.Id}.in"), $"'pickValue' needs cwlVersion v1.2 (the document says {v})");
            }
        }

        foreach (var o in process.Outputs.Where(o => o.Raw["pickValue"] is not null))
        {
            Error(o.Raw["pickValue"], Join(path, $"outputs.{o.Id}.pickValue"), $"'pickValue' needs cwlVersion v1.2 (the document says {v})");
        }

        if (v10)
        {
            foreach (var p in process.Inputs.Concat(process.Outputs))
            {
                var sf = p.Raw["secondaryFiles"];
                if (sf is JsonObject || (sf is JsonArray sa && sa.Any(x => x is JsonObject)))
                {
                    Error(sf, Join(path, $"{(process.Inputs.Contains(p) ? "inputs" : "outputs")}.{p.Id}.secondaryFiles"),
                        "secondaryFiles entries as {pattern, required} need cwlVersion v1.1 or later");
                }
            }
        }

        foreach (var req in process.Requirements.Concat(process.Hints).Where(r => Str(r["class"]) == "ResourceRequirement"))
        {
            foreach (var (key, value) in req)
            {
                if (value is JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.Number && !Types.IsInteger(jv))
                {
                    Error(value, Join(path, "ResourceRequirement." + key), $"fractional {key} needs cwlVersion v1.2 (the document says {v})");
                }
            }
        }
    }

    private void CheckUnique(IEnumerable<string> ids, JsonNode? node, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                Error(node, path, $"duplicate id '{id}'");
            }
        }
    }

    private void ReadCommandLineTool(JsonObject raw, CwlProcess process, string path)
    {
        switch (raw["baseCommand"])
        {
            case null:
                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    if (Str(item) is { } s)
                    {
                        process.BaseCommand.Add(s);
                    }
                    else
                    {
                        Error(item ?? arr, Join(path, "baseCommand"), "baseCommand items must be strings");
                    }
                }

                break;
            case var n when Str(n) is { } s:
                process.BaseCommand.Add(s);
                break;
            case var n:
                Error(n, Join(path, "baseCommand"), "baseCommand must be a string or a list of strings");
                break;
        }

        switch (raw["arguments"])
        {
            case null:
                break;
            case JsonArray args:
                foreach (var a in args)
                {
                    if (a is JsonObject ao)
                    {
                        CheckFields(ao, Vocabulary.InputBindingFields, Join(path, "arguments"), "CommandLineBinding");
                    }
                    else if (a is not JsonValue)
                    {
                        Error(a ?? args, Join(path, "arguments"), "each argument must be a string or a CommandLineBinding");
                    }

                    process.Arguments.Add(a);
                }

                break;
            case var n:
                Error(n, Join(path, "arguments"), "arguments must be a list");
                break;
        }

        process.Stdin = raw["stdin"];
        process.Stdout = raw["stdout"];
        process.Stderr = raw["stderr"];
        ReadCodes(raw["successCodes"], process.SuccessCodes, Join(path, "successCodes"));
        ReadCodes(raw["temporaryFailCodes"], process.TemporaryFailCodes, Join(path, "temporaryFailCodes"));
        ReadCodes(raw["permanentFailCodes"], process.PermanentFailCodes, Join(path, "permanentFailCodes"));
    }

    private void ReadCodes(JsonNode? node, HashSet<int> into, string path)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray arr)
        {
            Error(node, path, "must be a list of integers");
            return;
        }

        foreach (var c in arr)
        {
            if (c is JsonValue v && v.TryGetValue<long>(out var l))
            {
                into.Add((int)l);
            }
            else
            {
                Error(c ?? arr, path, "must be a list of integers");
            }
        }
    }

    private void ReadSteps(JsonObject raw, CwlProcess process, string path)
    {
        if (raw["steps"] is null)
        {
            Error(raw, Join(path, "steps"), "missing required field 'steps'");
            return;
        }

        foreach (var s in MapOrList(raw["steps"], null, Join(path, "steps")))
        {
            var so = s.Obj;
            foreach (var (key, value) in so)
            {
                if (!Vocabulary.StepFields.Contains(key) && !Vocabulary.IsExtension(key))
                {
                    Error(value ?? so, Join(s.Path, key), $"unknown field '{key}' for WorkflowStep");
                }
            }

            var reqs = new List<JsonObject>();
            var hints = new List<JsonObject>();
            ReadRequirements(so["requirements"], Join(s.Path, "requirements"), reqs, strict: true);
            ReadRequirements(so["hints"], Join(s.Path, "hints"), hints, strict: false);
            var types = new Dictionary<string, JsonNode>(process.SchemaDefs, StringComparer.Ordinal);
            foreach (var req in reqs.Concat(hints))
            {
                if (Str(req["class"]) == "SchemaDefRequirement")
                {
                    ReadSchemaDefs(req, types, Join(s.Path, "requirements"));
                }
            }

            var run = ReadRun(so, types, process.CwlVersion, s.Path);
            if (run is null)
            {
                continue;
            }

            var step = new CwlStep
            {
                Id = s.Id,
                Run = run,
                Raw = so,
                ScatterMethod = Str(so["scatterMethod"]),
                When = so["when"],
            };
            step.Requirements.AddRange(reqs);
            step.Hints.AddRange(hints);
            foreach (var i in MapOrList(so["in"], "source", Join(s.Path, "in")))
            {
                foreach (var (key, value) in i.Obj)
                {
                    if (!Vocabulary.StepInputFields.Contains(key) && !Vocabulary.IsExtension(key))
                    {
                        Error(value ?? i.Obj, Join(i.Path, key), $"unknown field '{key}' for WorkflowStepInput");
                    }
                }

                var si = new CwlStepInput
                {
                    Id = i.Id,
                    LinkMerge = Str(i.Obj["linkMerge"]),
                    PickValue = Str(i.Obj["pickValue"]),
                    Default = i.Obj["default"],
                    HasDefault = i.Obj.ContainsKey("default"),
                    ValueFrom = i.Obj["valueFrom"],
                    LoadContents = i.Obj["loadContents"] is JsonValue lc && lc.TryGetValue<bool>(out var b) && b,
                    LoadListing = Str(i.Obj["loadListing"]),
                };
                switch (i.Obj["source"])
                {
                    case null:
                        break;
                    case JsonArray sa:
                        si.SourceIsList = true;
                        foreach (var src in sa)
                        {
                            if (Str(src) is { } ss)
                            {
                                si.Source.Add(ss);
                            }
                        }

                        break;
                    case var sn when Str(sn) is { } ss:
                        si.Source.Add(ss);
                        break;
                    case var sn:
                        Error(sn, Join(i.Path, "source"), "source must be a string or a list of strings");
                        break;
                }

                step.In.Add(si);
            }

            switch (so["out"])
            {
                case JsonArray outs:
                    foreach (var o in outs)
                    {
                        var oid = o is JsonObject oo ? Str(oo["id"]) : Str(o);
                        if (oid is null)
                        {
                            Error(o ?? outs, Join(s.Path, "out"), "each out entry must be an id string or {id: ...}");
                        }
                        else
                        {
                            step.Out.Add(References.ShortName(oid));
                        }
                    }

                    break;
                default:
                    Error(so["out"] ?? so, Join(s.Path, "out"), "missing or invalid 'out' (a list of output ids)");
                    break;
            }

            switch (so["scatter"])
            {
                case null:
                    break;
                case JsonArray sc:
                    foreach (var x in sc)
                    {
                        if (Str(x) is { } xs)
                        {
                            step.Scatter.Add(References.ShortName(xs));
                        }
                    }

                    break;
                case var sc when Str(sc) is { } xs:
                    step.Scatter.Add(References.ShortName(xs));
                    break;
            }

            process.Steps.Add(step);
        }
    }

    private CwlProcess? ReadRun(JsonObject step, Dictionary<string, JsonNode> types, string version, string path)
    {
        switch (step["run"])
        {
            case JsonObject inline:
                return Read(inline, Str(inline["cwlVersion"]) ?? version, types, Join(path, "run"));
            case var r when Str(r) is { } reference:
                if (reference.StartsWith('#') && _graph.TryGetValue(reference[1..], out var packed))
                {
                    return Read(packed, version, types, Join(path, "run"));
                }

                var target = References.Resolve(_file, reference);
                var (tfile, tfrag) = References.SplitFragment(target);
                if (tfile == _file && tfrag is not null && _graph.TryGetValue(tfrag, out var same))
                {
                    return Read(same, version, types, Join(path, "run"));
                }

                if (!System.IO.File.Exists(tfile))
                {
                    Error(r, Join(path, "run"), $"cannot find '{reference}' (looked at {tfile})");
                    return null;
                }

                try
                {
                    return LoadProcess(_ctx, target, types, r, _file);
                }
                catch (CwlValidationException ex)
                {
                    // Keep the errors of the referenced document; they already name its file.
                    foreach (var e in ex.Errors)
                    {
                        if (!_ctx.Errors.Contains(e))
                        {
                            _ctx.Errors.Add(e);
                        }
                    }

                    return null;
                }

            default:
                Error(step["run"] ?? step, Join(path, "run"), "missing or invalid 'run' (a file reference or an inline process)");
                return null;
        }
    }

    private void ReadRequirements(JsonNode? node, string path, List<JsonObject> into, bool strict)
    {
        switch (node)
        {
            case null:
                return;
            case JsonArray arr:
                foreach (var r in arr)
                {
                    if (r is JsonObject ro && Str(ro["class"]) is { } c)
                    {
                        AddRequirement(ro, c, path, into, strict);
                    }
                    else if (strict)
                    {
                        Error(r ?? arr, path, "each requirement must be a mapping with a 'class'");
                    }
                }

                return;
            case JsonObject map:
                foreach (var (cls, body) in map.ToArray())
                {
                    var ro = body as JsonObject ?? new JsonObject();
                    if (body is not null and not JsonObject)
                    {
                        Error(body, Join(path, cls), "a requirement must be a mapping");
                        continue;
                    }

                    map.Remove(cls);
                    ro["class"] = cls;
                    AddRequirement(ro, cls, path, into, strict);
                }

                return;
            default:
                Error(node, path, "requirements must be a list or a mapping");
                return;
        }
    }

    private void AddRequirement(JsonObject ro, string cls, string path, List<JsonObject> into, bool strict)
    {
        var name = References.ShortName(cls);
        if (strict && !Vocabulary.Requirements.Contains(name) && !Vocabulary.IsExtension(cls))
        {
            Error(ro, Join(path, cls), $"unknown requirement class '{cls}'");
        }

        if (name != cls && Vocabulary.Requirements.Contains(name) && !cls.Contains(':', StringComparison.Ordinal))
        {
            ro["class"] = name;
        }

        into.Add(ro);
    }

    private void ReadSchemaDefs(JsonObject req, Dictionary<string, JsonNode> into, string path)
    {
        if (req["types"] is not JsonArray types)
        {
            Error(req, Join(path, "SchemaDefRequirement.types"), "SchemaDefRequirement needs a 'types' list");
            return;
        }

        // Two passes so definitions may refer to each other regardless of order.
        var pending = new List<(string Name, JsonObject Def)>();
        foreach (var t in types)
        {
            var items = t is JsonArray inner ? inner.ToList() : [t];
            foreach (var item in items)
            {
                if (item is JsonObject to && Str(to["name"]) is { } name)
                {
                    pending.Add((name, to));
                }
                else
                {
                    Error(item ?? types, Join(path, "SchemaDefRequirement.types"), "each type needs a 'name'");
                }
            }
        }

        foreach (var (name, def) in pending)
        {
            foreach (var key in NameKeys(name))
            {
                into[key] = def;
            }
        }

        foreach (var (name, def) in pending)
        {
            var norm = NormalizeType(def, into, Join(path, "SchemaDefRequirement.types"), 0);
            if (norm is not null)
            {
                foreach (var key in NameKeys(name))
                {
                    into[key] = norm;
                }
            }
        }
    }

    private static IEnumerable<string> NameKeys(string name)
    {
        var frag = References.Fragment(name);
        yield return frag;
        var slash = frag.LastIndexOf('/');
        if (slash >= 0)
        {
            yield return frag[(slash + 1)..];
        }
    }

    private readonly record struct Entry(string Id, JsonObject Obj, string Path);

    /// <summary>Expands CWL's map form (<c>{id: {...}}</c> or <c>{id: shorthand}</c>) and list form alike.</summary>
    private List<Entry> MapOrList(JsonNode? node, string? shorthandField, string path)
    {
        var result = new List<Entry>();
        switch (node)
        {
            case null:
                break;
            case JsonArray arr:
                var i = 0;
                foreach (var item in arr)
                {
                    var ipath = $"{path}[{i++}]";
                    if (item is JsonObject o && Str(o["id"]) is { } id)
                    {
                        result.Add(new Entry(References.ShortName(id), o, ipath));
                    }
                    else if (item is JsonObject o2 && shorthandField == "source" && Str(o2["id"]) is null)
                    {
                        Error(item, ipath, "missing required field 'id'");
                    }
                    else if (item is JsonValue && Str(item) is { } sid && shorthandField is null)
                    {
                        Error(item, ipath, "expected a mapping");
                    }
                    else
                    {
                        Error(item ?? arr, ipath, item is JsonObject ? "missing required field 'id'" : "expected a mapping with an 'id'");
                    }
                }

                break;
            case JsonObject map:
                foreach (var (key, value) in map.ToArray())
                {
                    var ipath = Join(path, key);
                    if (value is JsonObject vo && (shorthandField != "type" || vo.ContainsKey("type") || !vo.ContainsKey("items") && !vo.ContainsKey("fields") && !vo.ContainsKey("symbols")))
                    {
                        result.Add(new Entry(References.ShortName(key), vo, ipath));
                    }
                    else if (shorthandField is not null)
                    {
                        // `id: string` (type shorthand) or `id: source` (step input shorthand).
                        map.Remove(key);
                        var expanded = new JsonObject { [shorthandField] = value };
                        map[key] = expanded;
                        if (value is not null)
                        {
                            _ctx.Locations.CopyTree(value, expanded[shorthandField]);
                        }

                        _ctx.Locations.Set(expanded, _ctx.Locations.Find(value ?? map, _file));
                        result.Add(new Entry(References.ShortName(key), expanded, ipath));
                    }
                    else
                    {
                        Error(value ?? map, ipath, "expected a mapping");
                    }
                }

                break;
            default:
                Error(node, path, "expected a list or a mapping");
                break;
        }

        return result;
    }

    private void CheckFields(JsonObject obj, HashSet<string> allowed, string path, string what)
    {
        foreach (var (key, value) in obj)
        {
            if (!allowed.Contains(key) && !Vocabulary.IsExtension(key))
            {
                Error(value ?? obj, Join(path, key), $"unknown field '{key}' for {what}");
            }
        }
    }

    private CwlParameter ReadParameter(JsonObject obj, string id, string path, Dictionary<string, JsonNode> types, bool input, string cls)
    {
        var fields = input ? Vocabulary.InputParameterFields : Vocabulary.OutputParameterFields;
        CheckFields(obj, fields, path, input ? "input parameter" : "output parameter");
        var inputBinding = obj["inputBinding"] as JsonObject;
        var outputBinding = obj["outputBinding"] as JsonObject;
        if (obj["inputBinding"] is { } ib && ib is not JsonObject)
        {
            Error(ib, Join(path, "inputBinding"), "inputBinding must be a mapping");
        }

        if (inputBinding is not null)
        {
            CheckFields(inputBinding, Vocabulary.InputBindingFields, Join(path, "inputBinding"), "CommandLineBinding");
        }

        if (outputBinding is not null)
        {
            CheckFields(outputBinding, Vocabulary.OutputBindingFields, Join(path, "outputBinding"), "CommandOutputBinding");
        }

        JsonNode? type = null;
        if (!obj.ContainsKey("type"))
        {
            if (cls != "Workflow" || input)
            {
                Error(obj, Join(path, "type"), "missing required field 'type'");
            }
        }
        else
        {
            type = NormalizeType(obj["type"], types, Join(path, "type"), 0);
        }

        var p = new CwlParameter
        {
            Id = id,
            Type = type,
            InputBinding = inputBinding,
            OutputBinding = outputBinding,
            Default = obj["default"],
            HasDefault = obj.ContainsKey("default"),
            SecondaryFiles = NormalizeSecondaryFiles(obj["secondaryFiles"], Join(path, "secondaryFiles")),
            Format = ExpandFormat(obj["format"]),
            LoadContents = (obj["loadContents"] is JsonValue lc && lc.TryGetValue<bool>(out var b) && b) ||
                           (inputBinding?["loadContents"] is JsonValue lc2 && lc2.TryGetValue<bool>(out var b2) && b2),
            LoadListing = Str(obj["loadListing"]),
            Streamable = obj["streamable"] is JsonValue sv && sv.TryGetValue<bool>(out var st) && st,
            LinkMerge = Str(obj["linkMerge"]),
            PickValue = Str(obj["pickValue"]),
            Raw = obj,
        };
        switch (obj["outputSource"])
        {
            case null:
                break;
            case JsonArray arr:
                p.OutputSource.AddRange(arr.Select(Str).OfType<string>());
                break;
            case var n when Str(n) is { } s:
                p.OutputSource.Add(s);
                break;
        }

        return p;
    }

    private JsonNode? ExpandFormat(JsonNode? format) => format switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(_ctx.ExpandTerm(s)),
        JsonArray a => new JsonArray(a.Select(x => ExpandFormat(x)).ToArray()),
        _ => format?.DeepClone(),
    };

    internal JsonArray? NormalizeSecondaryFiles(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray arr:
                var result = new JsonArray();
                foreach (var item in arr)
                {
                    if (NormalizeSecondaryFiles(item, path) is { } one)
                    {
                        foreach (var x in one.ToArray())
                        {
                            one.Remove(x);
                            result.Add(x);
                        }
                    }
                }

                return result;
            case JsonValue v when v.TryGetValue<string>(out var s):
                JsonNode? required = null;
                if (s.EndsWith('?') && !s.StartsWith('$'))
                {
                    s = s[..^1];
                    required = false;
                }

                return [(JsonNode)new JsonObject { ["pattern"] = s, ["required"] = required }];
            case JsonObject o:
                if (o["pattern"] is null)
                {
                    Error(o, path, "secondaryFiles entry needs a 'pattern'");
                    return null;
                }

                return [(JsonNode)new JsonObject { ["pattern"] = o["pattern"]!.DeepClone(), ["required"] = o["required"]?.DeepClone() }];
            default:
                Error(node, path, "secondaryFiles must be a string, a mapping or a list");
                return null;
        }
    }

    /// <summary>
    /// Normalises a type: shorthand strings (<c>T?</c>, <c>T[]</c>) expanded, named types replaced by a copy of
    /// their definition, record fields listed with short names, enum symbols short.
    /// </summary>
    internal JsonNode? NormalizeType(JsonNode? t, Dictionary<string, JsonNode> types, string path, int depth)
    {
        if (depth > 64)
        {
            Error(t, path, "type definitions nest too deeply (recursive type?)");
            return null;
        }

        switch (t)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (s.EndsWith('?'))
                {
                    return new JsonArray("null", NormalizeType(JsonValue.Create(s[..^1]), types, path, depth + 1));
                }

                if (s.EndsWith("[]", StringComparison.Ordinal))
                {
                    return new JsonObject { ["type"] = "array", ["items"] = NormalizeType(JsonValue.Create(s[..^2]), types, path, depth + 1) };
                }

                var shortName = s.StartsWith("https://w3id.org/cwl/salad#", StringComparison.Ordinal) ||
                                s.StartsWith("http://www.w3.org/2001/XMLSchema#", StringComparison.Ordinal) ||
                                s.StartsWith("https://w3id.org/cwl/cwl#", StringComparison.Ordinal)
                    ? s[(s.IndexOf('#', StringComparison.Ordinal) + 1)..]
                    : s;
                if (Vocabulary.Primitives.Contains(shortName) || shortName is "stdout" or "stderr" or "stdin")
                {
                    return JsonValue.Create(shortName);
                }

                if (LookupType(s, types) is { } def)
                {
                    return def is JsonObject dobj && !IsNormalized(dobj)
                        ? NormalizeType(def, types, path, depth + 1)
                        : def.DeepClone();
                }

                Error(t, path, $"unknown type '{s}'");
                return JsonValue.Create("Any");
            case JsonArray arr:
                var union = new JsonArray();
                foreach (var item in arr)
                {
                    union.Add(NormalizeType(item, types, path, depth + 1));
                }

                return union;
            case JsonObject o:
                var kind = Str(o["type"]);
                var result = new JsonObject();
                switch (kind)
                {
                    case "array":
                        result["type"] = "array";
                        if (o["items"] is null)
                        {
                            Error(o, Join(path, "items"), "array type needs 'items'");
                        }

                        result["items"] = NormalizeType(o["items"], types, Join(path, "items"), depth + 1);
                        break;
                    case "record":
                        result["type"] = "record";
                        var fields = new JsonArray();
                        foreach (var f in MapOrList(o["fields"], "type", Join(path, "fields")).Concat(NamedFields(o["fields"], Join(path, "fields"))))
                        {
                            var field = new JsonObject { ["name"] = f.Id, ["type"] = NormalizeType(f.Obj["type"], types, Join(f.Path, "type"), depth + 1) };
                            foreach (var key in new[] { "inputBinding", "outputBinding", "doc", "label", "format", "streamable", "loadContents", "loadListing" })
                            {
                                if (f.Obj[key] is { } val)
                                {
                                    field[key] = key == "format" ? ExpandFormat(val) : val.DeepClone();
                                }
                            }

                            if (f.Obj["secondaryFiles"] is { } sf)
                            {
                                field["secondaryFiles"] = NormalizeSecondaryFiles(sf, Join(f.Path, "secondaryFiles"));
                            }

                            fields.Add((JsonNode)field);
                        }

                        result["fields"] = fields;
                        break;
                    case "enum":
                        result["type"] = "enum";
                        var symbols = new JsonArray();
                        if (o["symbols"] is JsonArray syms)
                        {
                            foreach (var sym in syms)
                            {
                                if (Str(sym) is { } ss)
                                {
                                    symbols.Add((JsonNode?)References.ShortName(ss));
                                }
                            }
                        }
                        else
                        {
                            Error(o, Join(path, "symbols"), "enum type needs 'symbols'");
                        }

                        result["symbols"] = symbols;
                        break;
                    default:
                        if (o["type"] is null)
                        {
                            Error(o, path, "a type object needs a 'type' field");
                            return JsonValue.Create("Any");
                        }

                        // {type: <named or shorthand>} wrappers, as seen in some documents.
                        var inner = NormalizeType(o["type"], types, path, depth + 1);
                        if (inner is JsonObject io && o["inputBinding"] is { } ibw)
                        {
                            io["inputBinding"] = ibw.DeepClone();
                        }

                        return inner;
                }

                if (Str(o["name"]) is { } name)
                {
                    result["name"] = References.Fragment(name);
                }

                foreach (var key in new[] { "inputBinding", "outputBinding" })
                {
                    if (o[key] is { } val)
                    {
                        result[key] = val.DeepClone();
                    }
                }

                result["$normalized"] = true;
                return result;
            default:
                Error(t, path, "invalid type");
                return JsonValue.Create("Any");
        }
    }

    private List<Entry> NamedFields(JsonNode? node, string path)
    {
        // Record fields use `name` rather than `id`; accept both.
        var result = new List<Entry>();
        if (node is JsonArray arr)
        {
            var i = 0;
            foreach (var item in arr)
            {
                if (item is JsonObject o && o["id"] is null && Str(o["name"]) is { } name)
                {
                    result.Add(new Entry(References.ShortName(name), o, $"{path}[{i}]"));
                    _ctx.Errors.RemoveAll(e => e.FieldPath == $"{path}[{i}]");
                }

                i++;
            }
        }

        return result;
    }

    private static bool IsNormalized(JsonObject o) => o["$normalized"] is not null;

    private static JsonNode? LookupType(string name, Dictionary<string, JsonNode> types)
    {
        if (types.TryGetValue(name, out var t))
        {
            return t;
        }

        var frag = References.Fragment(name);
        if (types.TryGetValue(frag, out t))
        {
            return t;
        }

        var slash = frag.LastIndexOf('/');
        return slash >= 0 && types.TryGetValue(frag[(slash + 1)..], out t) ? t : null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}

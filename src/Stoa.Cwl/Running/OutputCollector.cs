using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Loading;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Running;

/// <summary>
/// Collects a finished CommandLineTool's outputs from its output directory: <c>cwl.output.json</c> when present,
/// else each output's glob, loadContents, outputEval, secondaryFiles and format; then checks the types.
/// </summary>
internal sealed class OutputCollector
{
    private readonly ExpressionEvaluator _eval;
    private readonly CwlProcess _tool;
    private readonly JsonObject _inputs;
    private readonly JsonObject _runtime;
    private readonly string _outdir;
    private readonly string? _stdout;
    private readonly string? _stderr;

    public OutputCollector(ExpressionEvaluator eval, CwlProcess tool, JsonObject inputs, JsonObject runtime, string outdir, string? stdout, string? stderr, IEnumerable<string>? stagedSources = null)
    {
        _inputRoots = stagedSources?.ToList();
        _eval = eval;
        _tool = tool;
        _inputs = inputs;
        _runtime = runtime;
        _outdir = outdir;
        _stdout = stdout;
        _stderr = stderr;
    }

    public JsonObject Collect()
    {
        var json = Path.Combine(_outdir, "cwl.output.json");
        JsonObject result;
        if (File.Exists(json))
        {
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(File.ReadAllText(json));
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"cwl.output.json is not valid JSON: {ex.Message}");
            }

            result = parsed as JsonObject ?? throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, "cwl.output.json must hold an object");
            InputBinder.ResolveRelative(result, Path.Combine(_outdir, "cwl.output.json"));
            InputBinder.Normalize(result);
            foreach (var o in _tool.Outputs)
            {
                if (!result.ContainsKey(o.Id))
                {
                    result[o.Id] = null;
                }
            }
        }
        else
        {
            result = [];
            foreach (var o in _tool.Outputs)
            {
                var value = CollectOne(o.Type, o.OutputBinding, o.SecondaryFiles, o.Format, o.LoadContents, o.LoadListing, o.Id);
                result[o.Id] = value;
            }
        }

        foreach (var o in _tool.Outputs)
        {
            if (!Types.MatchesOutput(result[o.Id], o.Type))
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure,
                    $"output '{o.Id}' is {Types.DescribeValue(result[o.Id])}, expected {Types.Describe(o.Type)}");
            }
        }

        Finish(result);
        return result;
    }

    /// <summary>Every File gets size and checksum; every Directory a listing (outputs are always listed deeply).</summary>
    public static void Finish(JsonNode? result)
    {
        FileObjects.Visit(result, o =>
        {
            if (FileObjects.LocalPath(o) is not { } path)
            {
                return;
            }

            if (Types.ClassOf(o) == "File")
            {
                if (!File.Exists(path))
                {
                    throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"output file {path} does not exist");
                }

                o["size"] = FileObjects.Size(path);
                o["checksum"] = FileObjects.Sha1(path);
            }
            else if (o["listing"] is null)
            {
                FileObjects.FillListing(o, "deep_listing");
            }
        });
    }

    private JsonNode? CollectOne(JsonNode? type, JsonObject? binding, JsonArray? secondaryFiles, JsonNode? format, bool loadContents, string? loadListing, string name)
    {
        if (Types.Name(type) == "stdout" && _stdout is not null)
        {
            return FileObjects.FromDisk(_stdout, checksum: false);
        }

        if (Types.Name(type) == "stderr" && _stderr is not null)
        {
            return FileObjects.FromDisk(_stderr, checksum: false);
        }

        // Records collect each field with its own binding.
        var nonNull = type is JsonArray u ? u.Where(t => Types.Name(t) != "null").ToList() : [type];
        if (binding is null && nonNull.Count == 1 && nonNull[0] is JsonObject rt && Types.Kind(rt) == "record" && rt["fields"] is JsonArray fields)
        {
            var rec = new JsonObject();
            foreach (var f in fields.OfType<JsonObject>())
            {
                var fname = FileObjects.Str(f["name"]) ?? "";
                rec[fname] = CollectOne(f["type"], f["outputBinding"] as JsonObject,
                    f["secondaryFiles"] as JsonArray, f["format"], false, null, name + "." + fname);
            }

            return rec;
        }

        if (binding is null)
        {
            return null;
        }

        var scope = new ExpressionScope(_inputs, null, _runtime);
        JsonNode? value = null;
        var globbed = false;
        if (binding["glob"] is { } glob)
        {
            var patterns = _eval.Evaluate(glob, scope);
            var list = patterns switch
            {
                null => [],
                JsonArray a => a.Select(x => x is null ? null : JsonText.ToText(x)).OfType<string>().ToList(),
                _ => [JsonText.ToText(patterns)],
            };
            var files = new JsonArray();
            foreach (var pattern in list)
            {
                foreach (var match in Glob(pattern))
                {
                    CheckNotEscaping(match);
                    var f = FileObjects.FromDisk(match, checksum: false);
                    if (Types.ClassOf(f) == "Directory")
                    {
                        FileObjects.FillListing(f, loadListing ?? (binding["loadListing"] is { } bl ? FileObjects.Str(bl)! : "deep_listing"));
                    }

                    files.Add((JsonNode)f);
                }
            }

            var load = loadContents || (binding["loadContents"] is JsonValue lc && lc.TryGetValue<bool>(out var b) && b);
            if (load)
            {
                foreach (var f in files.OfType<JsonObject>())
                {
                    if (Types.ClassOf(f) == "File")
                    {
                        f["contents"] = FileObjects.ReadContents(FileObjects.Str(f["path"])!, name);
                    }
                }
            }

            value = files;
            globbed = true;
        }

        if (binding["outputEval"] is { } eval)
        {
            value = _eval.Evaluate(eval, new ExpressionScope(_inputs, value, _runtime));
            globbed = false;
            InputBinder.ResolveRelative(value, Path.Combine(_outdir, "x"));
            InputBinder.Normalize(value);
        }

        if (value is JsonArray arr && !AcceptsArray(type) && (globbed || Types.Name(nonNull.FirstOrDefault()) is "File" or "Directory"))
        {
            value = arr.Count switch
            {
                0 => null,
                1 => arr[0]?.DeepClone(),
                _ => throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"output '{name}': {arr.Count} matches for a single {Types.Describe(type)}"),
            };
        }

        if (secondaryFiles is not null)
        {
            // Primaries first, then their secondary files: the new entries must not get secondaries of their own.
            var primaries = new List<JsonObject>();
            FileObjects.Visit(value, f =>
            {
                if (Types.ClassOf(f) == "File" && f["secondaryFiles"] is null)
                {
                    primaries.Add(f);
                }
            });
            foreach (var f in primaries)
            {
                AddSecondaryFiles(f, secondaryFiles);
            }
        }

        if (format is not null)
        {
            ApplyFormat(value, format);
        }

        return value;
    }

    private List<string>? _inputRoots;
    private bool _inputRootsComplete;
    private string? _realJobDir;

    /// <summary>
    /// An output found by glob must be the job's own work or one of its inputs: a symbolic link leading anywhere
    /// else (e.g. <c>ln -s /tmp/x out</c>) would export a file the run never owned. A Directory is checked entry by
    /// entry, at every depth, because its listing is copied into the outputs just as a File is.
    /// </summary>
    private void CheckNotEscaping(string match)
    {
        if (CheckLink(match, match) && Directory.Exists(match))
        {
            CheckListing(match, FileObjects.RealPath(match), new HashSet<string>(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Walks a directory of the job without following links blindly: each link is checked where it leads, and a
    /// link to another directory of the job is walked too (once, so a link cycle ends), since its entries are
    /// copied as well. A link to an input is not walked: inputs are the caller's own files.
    /// </summary>
    private void CheckListing(string shown, string real, HashSet<string> visited)
    {
        if (!visited.Add(real))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(real))
        {
            var name = Path.Combine(shown, Path.GetFileName(entry));
            var isLink = new FileInfo(entry).LinkTarget is not null;
            if (isLink ? CheckLink(entry, name) && Directory.Exists(entry) : Directory.Exists(entry))
            {
                CheckListing(name, FileObjects.RealPath(entry), visited);
            }
        }
    }

    /// <summary>Throws when <paramref name="path"/> resolves outside the job and its inputs; true when it stays in the job.</summary>
    private bool CheckLink(string path, string shown)
    {
        _realJobDir ??= FileObjects.RealPath(Path.GetDirectoryName(_outdir)!);
        var real = FileObjects.RealPath(path);
        if (real == _realJobDir || real.StartsWith(_realJobDir + "/", StringComparison.Ordinal))
        {
            return true;
        }

        if (!_inputRootsComplete)
        {
            _inputRootsComplete = true;
            _inputRoots ??= [];
            FileObjects.Visit(_inputs, o =>
            {
                if (FileObjects.LocalPath(o) is { } p)
                {
                    _inputRoots.Add(FileObjects.RealPath(p));
                }
            });
        }

        if (!_inputRoots!.Any(r => real == r || real.StartsWith(r + "/", StringComparison.Ordinal)))
        {
            var what = shown.StartsWith(_outdir + "/", StringComparison.Ordinal) ? shown[(_outdir.Length + 1)..] : Path.GetFileName(shown);
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure,
                $"output {what} is a link to {real}, outside the job's directory and its inputs");
        }

        return false;
    }

    private void ApplyFormat(JsonNode? value, JsonNode format)
    {
        switch (value)
        {
            case JsonArray a:
                foreach (var x in a)
                {
                    ApplyFormat(x, format);
                }

                break;
            case JsonObject o when Types.ClassOf(o) == "File":
                var f = _eval.Evaluate(format, new ExpressionScope(_inputs, o, _runtime));
                if (FileObjects.Str(f) is { } s)
                {
                    o["format"] = s;
                }

                break;
        }
    }

    private static bool AcceptsArray(JsonNode? type) => type switch
    {
        JsonArray u => u.Any(AcceptsArray),
        JsonObject o => Types.Kind(o) == "array",
        _ => Types.Name(type) == "Any",
    };

    private void AddSecondaryFiles(JsonObject primary, JsonArray patterns)
    {
        try
        {
            primary["secondaryFiles"] = SecondaryFiles.Find(primary, patterns, _eval, _inputs, _runtime, requiredByDefault: false);
        }
        catch (CwlExpressionException ex)
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, ex.Message);
        }
    }

    /// <summary>Matches a glob pattern (<c>*</c>, <c>?</c>, <c>[…]</c>, per path segment) inside the output directory.</summary>
    private IEnumerable<string> Glob(string pattern)
    {
        if (pattern.Length == 0)
        {
            return [];
        }

        var root = _outdir;
        if (Path.IsPathRooted(pattern))
        {
            var full = Path.GetFullPath(pattern);
            if (full != _outdir && !full.StartsWith(_outdir + "/", StringComparison.Ordinal))
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"glob '{pattern}' points outside the output directory");
            }

            pattern = Path.GetRelativePath(_outdir, full);
        }

        if (pattern is "." or "./")
        {
            return [_outdir];
        }

        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { root };
        foreach (var seg in segments)
        {
            var next = new List<string>();
            if (seg == ".")
            {
                continue;
            }

            if (seg == "..")
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"glob '{pattern}' points outside the output directory");
            }

            var isPattern = seg.IndexOfAny(['*', '?', '[']) >= 0;
            foreach (var dir in current)
            {
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                if (!isPattern)
                {
                    var p = Path.Combine(dir, seg);
                    if (File.Exists(p) || Directory.Exists(p))
                    {
                        next.Add(p);
                    }

                    continue;
                }

                var regex = new Regex("^" + GlobToRegex(seg) + "$", RegexOptions.CultureInvariant);
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                {
                    var n = Path.GetFileName(entry);
                    if (regex.IsMatch(n) && (!n.StartsWith('.') || seg.StartsWith('.')))
                    {
                        next.Add(entry);
                    }
                }
            }

            current = next;
        }

        current.Sort(StringComparer.Ordinal);
        return current;
    }

    private static string GlobToRegex(string seg)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < seg.Length; i++)
        {
            var c = seg[i];
            switch (c)
            {
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var end = seg.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var cls = seg[(i + 1)..end];
                    if (cls.StartsWith('!'))
                    {
                        cls = "^" + cls[1..];
                    }

                    sb.Append('[').Append(cls.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return sb.ToString();
    }
}

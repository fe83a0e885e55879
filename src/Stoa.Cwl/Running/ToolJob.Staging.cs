using System.Text.Json.Nodes;
using Stoa.Cwl.Containers;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Loading;

namespace Stoa.Cwl.Running;

internal sealed partial class ToolJob
{
    /// <summary>
    /// Stages every input File/Directory read-only under the job's <c>stage</c> directory (a symbolic link per
    /// item, each in its own folder so equal basenames never collide; secondary files beside their primary)
    /// and points the input object's paths there. Literals (contents/listing without location) are written.
    /// </summary>
    private void StageInputs(JsonObject inputs)
    {
        foreach (var (_, value) in inputs)
        {
            StageValue(value);
        }
    }

    private void StageValue(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject o when Types.ClassOf(o) is "File" or "Directory":
                var dir = Path.Combine(_stageDir, (++_stageCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                StageInto(o, dir, writable: false);
                break;
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    StageValue(v);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    StageValue(v);
                }

                break;
        }
    }

    /// <summary>Places a File/Directory object (and its secondary files) in <paramref name="dir"/> under its basename or <paramref name="name"/>.</summary>
    private void StageInto(JsonObject o, string dir, bool writable, string? name = null)
    {
        var basename = name ?? FileObjects.Str(o["basename"]) ?? "unnamed";
        var target = Path.Combine(dir, basename);
        if (!FileObjects.IsInside(Path.GetDirectoryName(target)!, Path.GetDirectoryName(_outdir)!))
        {
            // The parent is (inside) a read-only input staged as a link: writing there would change the input.
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"cannot stage {basename}: {Path.GetDirectoryName(target)} is a read-only input");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var source = FileObjects.LocalPath(o);
        var isFile = Types.ClassOf(o) == "File";
        if (source is null)
        {
            if (isFile)
            {
                File.WriteAllText(target, FileObjects.Str(o["contents"]) ?? "");
            }
            else
            {
                Directory.CreateDirectory(target);
                if (o["listing"] is JsonArray listing)
                {
                    foreach (var child in listing.OfType<JsonObject>())
                    {
                        StageInto(child, target, writable);
                    }
                }
            }
        }
        else if (source != target)
        {
            if (File.Exists(target) || Directory.Exists(target))
            {
                Delete(target);
            }

            if (writable)
            {
                Copy(source, target);
            }
            else
            {
                File.CreateSymbolicLink(target, source);
            }

            if (!isFile && o["listing"] is JsonArray listing)
            {
                Repath(listing, target);
            }
        }

        FileObjects.SetPath(o, target, keepBasename: name is null);
        if (name is not null)
        {
            o["basename"] = Path.GetFileName(target);
            FileObjects.FillNames(o);
        }

        if (o["secondaryFiles"] is JsonArray sfs)
        {
            foreach (var sf in sfs.OfType<JsonObject>())
            {
                StageInto(sf, Path.GetDirectoryName(target)!, writable);
            }
        }
    }

    /// <summary>After a directory was linked or copied, its listing entries live under the new path.</summary>
    private static void Repath(JsonArray listing, string dir)
    {
        foreach (var child in listing.OfType<JsonObject>())
        {
            var target = Path.Combine(dir, FileObjects.Str(child["basename"]) ?? "");
            FileObjects.SetPath(child, target, keepBasename: true);
            if (child["listing"] is JsonArray inner)
            {
                Repath(inner, target);
            }
        }
    }

    internal static void Copy(string source, string target)
    {
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(target);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
            {
                Copy(entry, Path.Combine(target, Path.GetFileName(entry)));
            }
        }
        else
        {
            File.Copy(source, target, overwrite: true);
        }
    }

    internal static void Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>InitialWorkDirRequirement: files, directories, Dirent literals and expressions staged into the output directory.</summary>
    private void InitialWorkDir(JsonObject inputs, JsonObject runtime)
    {
        if (_reqs.Find("InitialWorkDirRequirement") is not { } req)
        {
            return;
        }

        var inplace = _reqs.Find("InplaceUpdateRequirement") is { } ip && ip["inplaceUpdate"] is JsonValue iv && iv.TryGetValue<bool>(out var b) && b;
        var scope = new ExpressionScope(inputs, null, runtime);
        var entries = new List<JsonNode?>();
        var listing = req["listing"];
        if (ExpressionEvaluator.IsExpression(listing))
        {
            Flatten(_eval.Evaluate(listing, scope), entries);
        }
        else if (listing is JsonArray arr)
        {
            foreach (var item in arr)
            {
                if (ExpressionEvaluator.IsExpression(item))
                {
                    Flatten(_eval.Evaluate(item, scope), entries);
                }
                else
                {
                    // File/Directory literals written in the document are relative to the document.
                    var literal = item?.DeepClone();
                    InputBinder.ResolveRelative(literal, _tool.File);
                    InputBinder.Normalize(literal);

                    Flatten(literal, entries);
                }
            }
        }

        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case null:
                    break;
                case JsonObject o when Types.ClassOf(o) is "File" or "Directory":
                    StageEntry(o, null, writable: false, inplace, moved);
                    break;
                case JsonObject dirent when dirent.ContainsKey("entry"):
                    var name = dirent["entryname"] is { } en ? JsonText.ToText(_eval.Evaluate(en, scope)) : null;
                    var writable = dirent["writable"] is JsonValue wv && wv.TryGetValue<bool>(out var w) && w;
                    var rawEntry = dirent["entry"];
                    var value = _eval.Evaluate(rawEntry, scope, stripWhitespace: false);
                    if (!ExpressionEvaluator.IsExpression(rawEntry) && value is JsonObject lit && Types.ClassOf(lit) is "File" or "Directory")
                    {
                        InputBinder.ResolveRelative(lit, _tool.File);
                        InputBinder.Normalize(lit);
                    }

                    if (value is JsonObject fo && Types.ClassOf(fo) is "File" or "Directory")
                    {
                        StageEntry(fo, name, writable, inplace, moved);
                    }
                    else if (value is JsonArray fa && fa.All(x => Types.ClassOf(x) is "File" or "Directory"))
                    {
                        foreach (var f in fa.OfType<JsonObject>())
                        {
                            StageEntry(f, null, writable, inplace, moved);
                        }
                    }
                    else if (value is not null)
                    {
                        if (name is null)
                        {
                            throw new CwlExpressionException("InitialWorkDirRequirement: a Dirent with literal contents needs an 'entryname'");
                        }

                        string text;
                        if (value is JsonValue sv && sv.TryGetValue<string>(out var s))
                        {
                            text = s;
                        }
                        else if (value is null)
                        {
                            continue;
                        }
                        else
                        {
                            // v1.2: a non-string expression result is written as JSON.
                            text = JsonText.Dumps(value);
                        }

                        var target = MountedEntry(name, writable) ?? InsideOutdir(name, "entryname");
                        if (!FileObjects.IsInside(Path.GetDirectoryName(target)!, _outdir) && !FileObjects.IsInside(target, Path.Combine(_jobDir, "mounts")))
                        {
                            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"entryname '{name}' would write into a read-only input");
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.WriteAllText(target, text);
                    }

                    break;
                default:
                    throw new CwlExpressionException($"InitialWorkDirRequirement: unexpected listing entry {entry.ToJsonString()}");
            }
        }

        if (moved.Count > 0)
        {
            // Inputs staged into the work dir are seen there by the command line and expressions.
            FileObjects.Visit(inputs, o =>
            {
                if (FileObjects.Str(o["path"]) is { } p && moved.TryGetValue(p, out var np))
                {
                    FileObjects.SetPath(o, np, keepBasename: false);
                }
            });
        }
    }

    private static void Flatten(JsonNode? value, List<JsonNode?> into)
    {
        if (value is JsonArray a)
        {
            foreach (var x in a)
            {
                Flatten(x?.DeepClone(), into);
            }
        }
        else if (value is not null)
        {
            into.Add(value);
        }
    }

    private void StageEntry(JsonObject o, string? name, bool writable, bool inplace, Dictionary<string, string> moved)
    {
        var old = FileObjects.Str(o["path"]);
        if (FileObjects.LocalPath(o) is { } src && !File.Exists(src) && !Directory.Exists(src))
        {
            throw new CwlExpressionException($"InitialWorkDirRequirement: {src} does not exist");
        }

        if (FileObjects.LocalPath(o) is { } staged)
        {
            _stagedSources.Add(FileObjects.RealPath(staged));
        }

        var basename = name ?? FileObjects.Str(o["basename"]) ?? "unnamed";
        if (MountedEntry(basename, writable && !inplace) is { } hostPath)
        {
            StageInto(o, Path.GetDirectoryName(hostPath)!, writable && !inplace, Path.GetFileName(hostPath));
            FileObjects.SetPath(o, Path.GetFullPath(basename), keepBasename: true);
            if (old is not null)
            {
                moved[old] = Path.GetFullPath(basename);
            }

            return;
        }

        var target = InsideOutdir(basename, "entryname");
        var rel = Path.GetRelativePath(_outdir, target);
        // In-place update: writable entries are the original files themselves (links), so changes persist.
        StageInto(o, _outdir, writable && !inplace, rel);
        if (old is not null)
        {
            moved[old] = target;
        }
    }

    /// <summary>
    /// An absolute entryname outside the output directory is allowed only when the container is required (CWL
    /// 1.2): the entry is staged in a folder of its own and mounted at that path. Returns the host path, or null
    /// when the entry belongs in the output directory.
    /// </summary>
    private string? MountedEntry(string name, bool writable)
    {
        if (!_containerRequired || !Path.IsPathRooted(name) || FileObjects.IsInside(Path.GetFullPath(name), _outdir))
        {
            return null;
        }

        var host = Path.Combine(_jobDir, "mounts", (++_stageCounter).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(host);
        var hostPath = Path.Combine(host, Path.GetFileName(Path.GetFullPath(name)));
        _extraMounts.Add(new ContainerMount(hostPath, Path.GetFullPath(name), !writable));
        return hostPath;
    }
}

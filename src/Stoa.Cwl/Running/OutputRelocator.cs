using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;

namespace Stoa.Cwl.Running;

/// <summary>
/// Moves a run's final outputs into the output directory. Each File or Directory keeps its path relative to the
/// job directory it came from; when that name is taken (parallel jobs writing the same basename), it goes into
/// a numbered subfolder instead, so no output ever replaces another. Secondary files follow their primary.
/// </summary>
internal sealed class OutputRelocator
{
    private readonly string _outdir;
    private readonly string _tempRoot;
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _done = new(StringComparer.Ordinal);
    private readonly List<(string From, string To)> _movedDirectories = [];
    private readonly Dictionary<string, int> _lastNumber = new(StringComparer.Ordinal);

    public OutputRelocator(string outdir, string tempRoot)
    {
        _outdir = Path.GetFullPath(outdir);
        _tempRoot = Path.GetFullPath(tempRoot);
        _realTempRoot = FileObjects.RealPath(_tempRoot);
    }

    private readonly string _realTempRoot;

    public void Relocate(JsonObject outputs)
    {
        foreach (var (_, v) in outputs)
        {
            Walk(v, null);
        }
    }

    private void Walk(JsonNode? value, string? prefix)
    {
        switch (value)
        {
            case JsonObject o when Types.ClassOf(o) is "File" or "Directory":
                var chosen = Move(o, prefix);
                if (o["secondaryFiles"] is JsonArray sf)
                {
                    foreach (var s in sf)
                    {
                        Walk(s, chosen);
                    }
                }

                break;
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    Walk(v, null);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Walk(v, null);
                }

                break;
        }
    }

    /// <summary>Moves (or copies, for anything not produced by a job) one item; returns the subfolder used.</summary>
    private string Move(JsonObject o, string? prefix)
    {
        var source = FileObjects.LocalPath(o);
        if (source is null)
        {
            return prefix ?? "";
        }

        // Identity is the real path: the same file reached through a link (in-place updates) moves once.
        source = FileObjects.RealPath(source);

        foreach (var (from, to) in _movedDirectories)
        {
            if (source.StartsWith(from + "/", StringComparison.Ordinal))
            {
                // Inside a directory already moved as a whole: it moved with it.
                Update(o, to + source[from.Length..]);
                return prefix ?? "";
            }
        }

        if (_done.TryGetValue(source, out var already))
        {
            Update(o, already);
            return Path.GetDirectoryName(Path.GetRelativePath(_outdir, already)) ?? "";
        }

        if (source == _outdir || source.StartsWith(_outdir + "/", StringComparison.Ordinal))
        {
            _claimed.Add(source);
            Update(o, source);
            return prefix ?? "";
        }

        var rel = RelativeName(o, source);
        string target;
        var used = prefix ?? "";
        // Numbered folders are only ever claimed, never released: a name's search starts past the numbers already
        // taken for it, or a scatter of n jobs writing one name would try 1 + 2 + … + n folders.
        var n = prefix is null && _lastNumber.TryGetValue(rel, out var last) ? last : 1;
        if (n > 1)
        {
            used = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        while (true)
        {
            target = Path.Combine(_outdir, used, rel);
            if (!_claimed.Contains(target) && !File.Exists(target) && !Directory.Exists(target) && !ParentClaimed(target))
            {
                break;
            }

            n++;
            used = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (prefix is null)
        {
            _lastNumber[rel] = n;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Only what a job wrote (its real path inside the temp root, no links inside) is moved; anything that
        // resolves to an input is copied, so inputs are never touched.
        var fromJob = source.StartsWith(_realTempRoot + "/", StringComparison.Ordinal);
        if (fromJob && new FileInfo(source).LinkTarget is null && !HasLinks(source))
        {
            if (Directory.Exists(source))
            {
                Directory.Move(source, target);
                _movedDirectories.Add((source, target));
            }
            else
            {
                File.Move(source, target);
            }
        }
        else
        {
            ToolJob.Copy(source, target);
        }

        _claimed.Add(target);
        _done[source] = target;
        Update(o, target);
        return used;
    }

    private bool ParentClaimed(string target)
    {
        for (var d = Path.GetDirectoryName(target); d is not null && d.Length > _outdir.Length; d = Path.GetDirectoryName(d))
        {
            if (_claimed.Contains(d))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLinks(string path) =>
        Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories)
            .Any(e => new FileInfo(e).LinkTarget is not null);

    /// <summary>The path under a job's <c>out</c> folder, else the basename.</summary>
    private string RelativeName(JsonObject o, string source)
    {
        var basename = FileObjects.Str(o["basename"]) ?? Path.GetFileName(source);
        if (source.StartsWith(_tempRoot + "/", StringComparison.Ordinal))
        {
            var rel = Path.GetRelativePath(_tempRoot, source).Split('/');
            if (rel.Length >= 3 && rel[1] == "out")
            {
                var inner = string.Join('/', rel.Skip(2));
                var dir = Path.GetDirectoryName(inner);
                return string.IsNullOrEmpty(dir) ? basename : Path.Combine(dir, basename);
            }
        }

        return basename;
    }

    private static void Update(JsonObject o, string target)
    {
        var old = FileObjects.LocalPath(o);
        FileObjects.SetPath(o, target, keepBasename: true);
        o.Remove("dirname");
        if (o["listing"] is JsonArray listing && old is not null)
        {
            foreach (var child in listing.OfType<JsonObject>())
            {
                if (FileObjects.LocalPath(child) is { } cp && cp.StartsWith(old + "/", StringComparison.Ordinal))
                {
                    Update(child, target + cp[old.Length..]);
                }
            }
        }
    }
}

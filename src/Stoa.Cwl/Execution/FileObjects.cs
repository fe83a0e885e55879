using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Stoa.Cwl.Loading;

namespace Stoa.Cwl.Execution;

/// <summary>File and Directory objects: derived fields, listings, checksums, contents and secondary-file patterns.</summary>
internal static class FileObjects
{
    public const int ContentsLimit = 64 * 1024;

    public static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The local path of a File/Directory object (from <c>path</c>, else <c>location</c>), or null for literals.</summary>
    public static string? LocalPath(JsonObject o)
    {
        if (Str(o["path"]) is { } p)
        {
            return References.ToLocalPath(p);
        }

        if (Str(o["location"]) is { } l && !l.StartsWith("_:", StringComparison.Ordinal))
        {
            if (l.Contains("://", StringComparison.Ordinal) && !l.StartsWith("file://", StringComparison.Ordinal))
            {
                throw new CwlExpressionException($"unsupported location scheme: {l}");
            }

            return References.ToLocalPath(l);
        }

        return null;
    }

    /// <summary>Sets location/path to an absolute local path and fills basename, nameroot, nameext, dirname.</summary>
    public static void SetPath(JsonObject o, string path, bool keepBasename = false)
    {
        o["location"] = References.ToUri(path);
        o["path"] = path;
        if (!keepBasename || Str(o["basename"]) is null)
        {
            o["basename"] = Path.GetFileName(path.TrimEnd('/'));
        }

        FillNames(o);
        o["dirname"] = Path.GetDirectoryName(path.TrimEnd('/')) ?? "/";
    }

    public static void FillNames(JsonObject o)
    {
        if (Types.ClassOf(o) != "File" || Str(o["basename"]) is not { } b)
        {
            return;
        }

        var (root, ext) = SplitExt(b);
        o["nameroot"] = root;
        o["nameext"] = ext;
    }

    /// <summary>Python's os.path.splitext: leading dots belong to the root.</summary>
    public static (string Root, string Ext) SplitExt(string basename)
    {
        var dot = basename.LastIndexOf('.');
        var firstNonDot = 0;
        while (firstNonDot < basename.Length && basename[firstNonDot] == '.')
        {
            firstNonDot++;
        }

        if (dot <= 0 || dot < firstNonDot)
        {
            return (basename, "");
        }

        return (basename[..dot], basename[dot..]);
    }

    /// <summary>The path with every symbolic link along it resolved (like realpath(3)); missing tails kept as given.</summary>
    public static string RealPath(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        if (depth > 40)
        {
            return full;
        }

        var current = "/";
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } link)
            {
                var target = Path.IsPathRooted(link) ? link : Path.Combine(current, link);
                next = RealPath(target, depth + 1);
            }
            else if (!info.Exists && !Directory.Exists(next))
            {
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/>, with links resolved, lies inside <paramref name="root"/> (links resolved too).</summary>
    public static bool IsInside(string path, string root)
    {
        var real = RealPath(path);
        var realRoot = RealPath(root);
        return real == realRoot || real.StartsWith(realRoot + "/", StringComparison.Ordinal);
    }

    /// <summary>The size of the file a path leads to (following symbolic links).</summary>
    public static long Size(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            return target.Length;
        }

        return info.Length;
    }

    public static string Sha1(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha1$" + Convert.ToHexStringLower(SHA1.HashData(stream));
    }

    public static string ReadContents(string path, string what)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length > ContentsLimit)
        {
            throw new CwlExpressionException($"loadContents: {what} is {stream.Length} bytes, over the 64 KiB limit");
        }

        var buffer = new byte[(int)stream.Length];
        stream.ReadExactly(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer);
    }

    /// <summary>A File or Directory object for something on disk, with size and checksum for files.</summary>
    public static JsonObject FromDisk(string path, bool checksum)
    {
        var isDir = Directory.Exists(path);
        var o = new JsonObject { ["class"] = isDir ? "Directory" : "File" };
        SetPath(o, path);
        if (!isDir)
        {
            o["size"] = Size(path);
            if (checksum)
            {
                o["checksum"] = Sha1(path);
            }
        }

        return o;
    }

    /// <summary>Fills <c>listing</c> of a Directory object from disk: "shallow_listing", "deep_listing" or "no_listing".</summary>
    public static void FillListing(JsonObject dir, string mode, bool checksum = false)
    {
        if (mode == "no_listing" || LocalPath(dir) is not { } path || !Directory.Exists(path))
        {
            return;
        }

        var listing = new JsonArray();
        foreach (var entry in Directory.EnumerateFileSystemEntries(path).OrderBy(e => e, StringComparer.Ordinal))
        {
            var child = FromDisk(entry, checksum);
            if (Types.ClassOf(child) == "Directory" && mode == "deep_listing")
            {
                FillListing(child, mode, checksum);
            }

            listing.Add((JsonNode)child);
        }

        dir["listing"] = listing;
    }

    /// <summary>Applies a secondary-file pattern (<c>^.bai</c>, <c>.idx</c>) to a primary file's basename.</summary>
    public static string ApplyPattern(string basename, string pattern)
    {
        while (pattern.StartsWith('^'))
        {
            pattern = pattern[1..];
            var dot = basename.LastIndexOf('.');
            if (dot > 0)
            {
                basename = basename[..dot];
            }
        }

        return basename + pattern;
    }

    /// <summary>Visits every File and Directory object in a value (including secondaryFiles and listings).</summary>
    public static void Visit(JsonNode? value, Action<JsonObject> action)
    {
        switch (value)
        {
            case JsonObject o when Types.ClassOf(o) is "File" or "Directory":
                action(o);
                if (o["secondaryFiles"] is JsonArray sf)
                {
                    foreach (var s in sf)
                    {
                        Visit(s, action);
                    }
                }

                if (o["listing"] is JsonArray l)
                {
                    foreach (var s in l)
                    {
                        Visit(s, action);
                    }
                }

                break;
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    Visit(v, action);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Visit(v, action);
                }

                break;
        }
    }
}

using System.Text.Json.Nodes;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Storage;

namespace Stoa.Worktables.Tracking;

/// <summary>
/// The files a row's inputs name (File and Directory cells at any depth, secondaryFiles included), brought up to
/// date with the disk: every time a row is sealed its files are stat'ed, and a file whose content moved gets its
/// new checksum in the cell, so a row's identity always covers the content it would run on.
/// </summary>
internal static class RowFiles
{
    /// <summary>The fingerprint recorded for a file that could not be read when the row was sealed.</summary>
    public const string MissingFingerprint = "missing";

    /// <summary>Refreshes the checksums in <paramref name="cells"/> and lists the files with their fingerprints.</summary>
    /// <param name="cells">The row's input cells, changed in place.</param>
    /// <param name="hasher">The project's hasher (it reads a file only when its fingerprint moved).</param>
    /// <param name="notes">Receives one reason per cell whose file content changed.</param>
    public static IReadOnlyList<TrackedFile> Track(Dictionary<string, JsonNode?> cells, ContentHasher hasher, List<string> notes)
    {
        // Made when the first file is found: most rows of a bulk import name none, and allocate nothing here.
        Dictionary<string, TrackedFile>? files = null;
        foreach (var (column, node) in cells)
        {
            if (node is JsonObject or JsonArray)
            {
                Walk(column, node, hasher, ref files, notes);
            }
        }

        return files is null ? [] : [.. files.Values];
    }

    /// <summary>A checksum shortened for a reason: <c>sha1 ab12cd34…</c>.</summary>
    public static string Short(string? checksum) => checksum is null
        ? "none"
        : checksum.Replace('$', ' ') is var s && s.Length > 13 ? s[..13] + "…" : s;

    /// <summary>The input column whose cells name <paramref name="path"/>, or null.</summary>
    public static string? ColumnOf(IReadOnlyDictionary<string, JsonNode?> cells, string path)
    {
        foreach (var (column, node) in cells)
        {
            if (Names(node, path))
            {
                return column;
            }
        }

        return null;
    }

    private static bool Names(JsonNode? node, string path) => node switch
    {
        JsonObject o when (string?)o["class"] is "File" or "Directory" && (string?)o["location"] == path => true,
        JsonObject o => o.Any(p => Names(p.Value, path)),
        JsonArray a => a.Any(n => Names(n, path)),
        _ => false,
    };

    private static void Walk(string column, JsonNode? node, ContentHasher hasher, ref Dictionary<string, TrackedFile>? files, List<string> notes)
    {
        switch (node)
        {
            case JsonObject o when (string?)o["class"] is "File" or "Directory" && (string?)o["location"] is { } location:
                var isFile = (string?)o["class"] == "File";
                var old = (string?)o["checksum"];
                var tracked = isFile ? TrackFile(location, old, o, hasher) : TrackDirectory(location, old, hasher);
                if (tracked.Fingerprint != MissingFingerprint && old != tracked.Digest)
                {
                    notes.Add($"input {column} changed ({Short(old)} → {Short(tracked.Digest)})");
                    o["checksum"] = tracked.Digest;
                }

                files ??= new Dictionary<string, TrackedFile>(StringComparer.Ordinal);
                files[location] = tracked;
                if (o["secondaryFiles"] is JsonArray secondary)
                {
                    Walk(column, secondary, hasher, ref files, notes);
                }

                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Walk(column, child, hasher, ref files, notes);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(column, child, hasher, ref files, notes);
                }

                break;
        }
    }

    private static TrackedFile TrackFile(string location, string? old, JsonObject cell, ContentHasher hasher)
    {
        try
        {
            var (fp, sha1) = hasher.Digest(location);
            var digest = "sha1$" + sha1;
            if (digest != old && cell["size"] is not null)
            {
                cell["size"] = new FileInfo(location).Length;
            }

            return new TrackedFile(location, fp.Stored, digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TrackedFile(location, MissingFingerprint, old ?? "");
        }
    }

    private static TrackedFile TrackDirectory(string location, string? old, ContentHasher hasher)
    {
        var fp = FileFingerprint.OfDirectory(location);
        if (fp.Kind != FileKind.Directory)
        {
            return new TrackedFile(location, MissingFingerprint, old ?? "");
        }

        try
        {
            return new TrackedFile(location, fp.Stored, "sha1$" + hasher.HashDirectory(location));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TrackedFile(location, MissingFingerprint, old ?? "");
        }
    }
}

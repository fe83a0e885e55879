using System.IO.Compression;
using System.Security.Cryptography;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Bundles;

/// <summary>
/// The zip side of a .wtx bundle: the entry names the format fixes, extraction that refuses entries which would land
/// outside the target directory (zip-slip), keeps every byte, normalises permissions (0755 for what the bundle
/// marks executable, so scripts stay runnable; 0644 otherwise), and the check of a <c>manifest-sha256.txt</c> when the bundle carries one.
/// </summary>
internal static class WtxArchive
{
    public const string Workflow = "workflow.cwl";
    public const string Template = "template.yml";
    public const string Table = "table.txt";
    public const string Tracking = "tracking.txt";
    public const string Links = "links.txt";
    public const string Manifest = "manifest-sha256.txt";

    /// <summary>Entries the exporter writes from the table itself rather than copying from the workflow directory.</summary>
    public static readonly IReadOnlySet<string> Generated = new HashSet<string>(StringComparer.Ordinal) { Table, Tracking, Links, Manifest, Template };

    /// <summary>
    /// Extracts every file of the bundle into <paramref name="target"/> (which must not exist). A bundle whose
    /// files all sit in one top-level folder holding <c>workflow.cwl</c> (as <c>zip -r run.wtx run/</c> makes) is
    /// read from that folder.
    /// </summary>
    public static void Extract(string wtxPath, string bundle, string target)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(wtxPath);
        }
        catch (InvalidDataException e)
        {
            throw new WtxFormatException(bundle, null, null, null, "not a zip archive: " + e.Message, e);
        }

        using (zip)
        {
            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var folders = new List<string>();
            foreach (var entry in zip.Entries)
            {
                var name = SafeName(bundle, entry.FullName);
                if (name.Length == 0 || entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    // Folder entries matter only for empty folders (an empty Directory cell).
                    folders.Add(name);
                    continue;
                }

                if (!files.TryAdd(name, entry))
                {
                    throw new WtxFormatException(bundle, entry.FullName, null, null, "the bundle holds two entries of this name.");
                }
            }

            var prefix = Root(bundle, files.Keys);
            var root = Directory.CreateDirectory(target).FullName + Path.DirectorySeparatorChar;
            foreach (var folder in folders.Where(f => f.Length > prefix.Length && f.StartsWith(prefix, StringComparison.Ordinal)))
            {
                Directory.CreateDirectory(Path.Combine(root, folder[prefix.Length..]));
            }

            foreach (var (name, entry) in files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var dest = Path.GetFullPath(Path.Combine(root, name[prefix.Length..]));
                if (!dest.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new WtxFormatException(bundle, entry.FullName, null, null, "unsafe entry name: it would be written outside the bundle directory.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                try
                {
                    using var from = entry.Open();
                    using var to = new FileStream(dest, FileMode.CreateNew, FileAccess.Write);
                    from.CopyTo(to);
                }
                catch (InvalidDataException e)
                {
                    throw new WtxFormatException(bundle, entry.FullName, null, null, "the entry is damaged: " + e.Message, e);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(dest, NormalisedMode(entry));
                }
            }

            if (!OperatingSystem.IsWindows())
            {
                foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
                {
                    // Whatever the umask, folders are 0755 like the files they hold: nobody else writes into them.
                    File.SetUnixFileMode(dir, Executable);
                }
            }
        }

        VerifyManifest(bundle, target);
    }

    /// <summary>
    /// 0755 for a file the bundle marks executable (any x bit: STOA's scripts), 0644 for every other: a bundle
    /// decides only whether a script runs, never that others may write the project's files (0777) or that a file
    /// is set-uid, set-gid or sticky.
    /// </summary>
    public static UnixFileMode NormalisedMode(ZipArchiveEntry entry) =>
        ((entry.ExternalAttributes >> 16) & 0x49) != 0 ? Executable : Regular;

    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The entry name with '/' separators; refuses absolute names, drive letters and '..' segments.</summary>
    public static string SafeName(string bundle, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        var segments = name.Split('/');
        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':') || segments.Any(s => s == ".."))
        {
            throw new WtxFormatException(bundle, entryName, null, null, "unsafe entry name: absolute or with '..', it would be written outside the bundle directory.");
        }

        return string.Join('/', segments.Where(s => s.Length > 0 && s != "."));
    }

    /// <summary>SHA-256 (hex, lower case) of a file's bytes.</summary>
    public static string Sha256(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }

    private static string Root(string bundle, IEnumerable<string> names)
    {
        var all = names.ToList();
        if (all.Contains(Workflow))
        {
            return "";
        }

        var tops = all.Select(n => n.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        if (tops.Count == 1 && all.Contains(tops[0] + "/" + Workflow))
        {
            return tops[0] + "/";
        }

        throw new WtxFormatException(bundle, Workflow, null, null, "the bundle has no workflow.cwl at its top (nor in a single top-level folder).");
    }

    private static void VerifyManifest(string bundle, string dir)
    {
        var path = Path.Combine(dir, Manifest);
        if (!File.Exists(path))
        {
            return;
        }

        WtxText text;
        using (var s = File.OpenRead(path))
        {
            text = WtxText.Read(bundle, Manifest, s);
        }

        foreach (var (line, content) in text.DataLines())
        {
            // BagIt: the hash, white space, then the path (which may itself contain spaces).
            var t = content.Trim();
            var gap = t.IndexOfAny([' ', '\t']);
            if (gap != 64 || !t[..64].All(Uri.IsHexDigit))
            {
                throw text.Error(line, null, "expected 'SHA256  path' (64 hex digits, then the path).");
            }

            var rel = t[gap..].Trim().TrimStart('*');
            var file = Path.GetFullPath(Path.Combine(dir, SafeName(bundle, rel)));
            if (!File.Exists(file))
            {
                throw text.Error(line, rel, fieldKind: "entry", problem: "listed in the manifest but not in the bundle.");
            }

            if (!string.Equals(Sha256(file), t[..64], StringComparison.OrdinalIgnoreCase))
            {
                throw text.Error(line, rel, fieldKind: "entry", problem: "the entry's SHA-256 differs from the manifest: the bundle is damaged or was edited.");
            }
        }
    }
}

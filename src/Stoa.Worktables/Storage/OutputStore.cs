using System.Text.Json.Nodes;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Values;

namespace Stoa.Worktables.Storage;

/// <summary>
/// The project's content-addressed output directory: every output file is stored once under its SHA-1
/// (<c>ab/abcdef…</c>), every output directory under the SHA-1 of its listing (<c>ab/abcdef….dir</c>). A file
/// is copied to a temporary name first and renamed into place, so a name in the store always has its full
/// content; a killed process leaves at most a stray temporary file, never a half-written output.
/// </summary>
internal sealed class OutputStore(string root, ContentHasher hasher) : IFileCellResolver
{
    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    public JsonObject ResolveFile(string fullPath)
    {
        var sha1 = hasher.HashFile(fullPath);
        var target = PathOf(sha1);
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = Path.Combine(Root, $".tmp-{Guid.NewGuid():N}");
            File.Copy(fullPath, temp);
            using (var f = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                f.Flush(flushToDisk: true);
            }

            MoveIntoPlace(temp, target, File.Move, File.Exists, File.Delete);
        }

        return new JsonObject
        {
            ["class"] = "File",
            ["location"] = target,
            ["basename"] = Path.GetFileName(fullPath),
            ["checksum"] = "sha1$" + sha1,
            ["size"] = new FileInfo(target).Length,
        };
    }

    public JsonObject ResolveDirectory(string fullPath)
    {
        var sha1 = hasher.HashDirectory(fullPath);
        var target = PathOf(sha1) + ".dir";
        if (!Directory.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = Path.Combine(Root, $".tmp-{Guid.NewGuid():N}");
            CopyTree(new DirectoryInfo(fullPath), Directory.CreateDirectory(temp));
            MoveIntoPlace(temp, target, (a, b) => Directory.Move(a, b), Directory.Exists, d => Directory.Delete(d, recursive: true));
        }

        return new JsonObject
        {
            ["class"] = "Directory",
            ["location"] = target,
            ["basename"] = Path.GetFileName(Path.TrimEndingDirectorySeparator(fullPath)),
            ["checksum"] = "sha1$" + sha1,
        };
    }

    /// <summary>
    /// Stores <paramref name="content"/> as a file called <paramref name="name"/> (already a plain file name) at
    /// <c>ab/abcdef….file/NAME</c>: addressed by its SHA-1 like every stored file, and under the name a CWL tool
    /// will see when the file is staged. The same bytes under the same name are stored once.
    /// </summary>
    public string StoreNamed(Stream content, string name)
    {
        var temp = Path.Combine(Root, $".tmp-{Guid.NewGuid():N}");
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                content.CopyTo(f);
                f.Flush(flushToDisk: true);
            }

            var folder = PathOf(hasher.HashFile(temp)) + ".file";
            var target = Path.Combine(Directory.CreateDirectory(folder).FullName, name);
            if (!File.Exists(target))
            {
                MoveIntoPlace(temp, target, File.Move, File.Exists, File.Delete);
            }

            return target;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>True when a stored File/Directory cell points into this store at content with its checksum.</summary>
    public bool Holds(JsonObject cell)
    {
        var location = (string?)cell["location"];
        var checksum = (string?)cell["checksum"];
        if (location is null || checksum is null || !location.StartsWith(Root, StringComparison.Ordinal))
        {
            return false;
        }

        return (string?)cell["class"] == "Directory"
            ? Directory.Exists(location) && "sha1$" + hasher.HashDirectory(location) == checksum
            : File.Exists(location) && "sha1$" + hasher.HashFile(location) == checksum;
    }

    private string PathOf(string sha1) => Path.Combine(Root, sha1[..2], sha1);

    private static void MoveIntoPlace(string temp, string target, Action<string, string> move, Func<string, bool> exists, Action<string> delete)
    {
        try
        {
            move(temp, target);
        }
        catch (IOException) when (exists(target))
        {
            // Another run stored the same content first: identical bytes, keep theirs.
            delete(temp);
        }
    }

    private static void CopyTree(DirectoryInfo from, DirectoryInfo to)
    {
        foreach (var f in from.EnumerateFiles())
        {
            f.CopyTo(Path.Combine(to.FullName, f.Name));
        }

        foreach (var d in from.EnumerateDirectories())
        {
            CopyTree(d, to.CreateSubdirectory(d.Name));
        }
    }
}

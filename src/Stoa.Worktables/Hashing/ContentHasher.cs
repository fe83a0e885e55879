using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Stoa.Worktables.Hashing;

/// <summary>
/// SHA-1 of file and directory contents (CWL's checksum algorithm), remembered per (path, size, modification
/// time) so an unchanged file is read once per process. The identity is the content; the cache key only decides
/// when the content must be read again.
/// </summary>
internal sealed class ContentHasher
{
    private readonly ConcurrentDictionary<(string Path, long Length, long Ticks), string> _files = new();

    /// <summary>Hex SHA-1 of a file's bytes.</summary>
    public string HashFile(string fullPath)
    {
        var info = new FileInfo(fullPath);
        var key = (info.FullName, info.Length, info.LastWriteTimeUtc.Ticks);
        if (_files.TryGetValue(key, out var cached))
        {
            return cached;
        }

        using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var hash = Convert.ToHexStringLower(SHA1.HashData(stream));
        _files[key] = hash;
        return hash;
    }

    /// <summary>
    /// Hex SHA-1 of a directory: of its sorted listing of relative paths with each file's SHA-1, so renaming the
    /// directory itself does not change it but renaming, adding or editing anything inside does.
    /// </summary>
    public string HashDirectory(string fullPath)
    {
        var root = new DirectoryInfo(fullPath);
        var lines = new List<string>();
        foreach (var entry in root.EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root.FullName, entry.FullName).Replace('\\', '/');
            lines.Add(entry is FileInfo f ? $"F\t{rel}\t{HashFile(f.FullName)}" : $"D\t{rel}");
        }

        lines.Sort(StringComparer.Ordinal);
        var text = string.Join('\n', lines);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Hex SHA-256 of UTF-8 text (row and workflow identities).</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Stoa.Worktables.Hashing;

/// <summary>
/// SHA-1 of file and directory contents (CWL's checksum algorithm), remembered per path with the file's stat
/// fingerprint, so an unchanged file is read once per process. The identity is the content; the fingerprint only
/// decides when the content must be read again. Only regular files are read: a device, FIFO or socket could
/// never end or never answer.
/// </summary>
internal sealed class ContentHasher
{
    private readonly ConcurrentDictionary<string, (string Fingerprint, string Sha1)> _files = new(StringComparer.Ordinal);

    /// <summary>Hex SHA-1 of a file's bytes.</summary>
    /// <exception cref="IOException">Not a regular file, or it cannot be read.</exception>
    public string HashFile(string fullPath) => Digest(fullPath).Sha1;

    /// <summary>The file's fingerprint and hex SHA-1, read again only when the fingerprint moved.</summary>
    /// <exception cref="IOException">Not a regular file (or missing), or it cannot be read.</exception>
    public (FileFingerprint Fingerprint, string Sha1) Digest(string fullPath)
    {
        var before = FileFingerprint.Of(fullPath);
        for (var attempt = 0; ; attempt++)
        {
            if (before.Kind != FileKind.Regular)
            {
                throw new IOException(before.Kind == FileKind.Missing
                    ? $"'{fullPath}' does not exist or cannot be read."
                    : $"'{fullPath}' is not a regular file (a device, FIFO or socket); only regular files are read.");
            }

            if (_files.TryGetValue(fullPath, out var cached) && cached.Fingerprint == before.Stored)
            {
                return (before, cached.Sha1);
            }

            string hash;
            using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                hash = Convert.ToHexStringLower(SHA1.HashData(stream));
            }

            // A file written while it was read has a moved fingerprint afterwards: read it again, so a digest is
            // never stored against a fingerprint it does not belong to.
            var after = FileFingerprint.Of(fullPath);
            if (after == before || attempt == 2)
            {
                _files[fullPath] = (after.Stored, hash);
                return (after, hash);
            }

            before = after;
        }
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

    /// <summary>Hex SHA-256 of UTF-8 bytes already encoded (the same value as <see cref="Sha256(string)"/> of their text).</summary>
    public static string Sha256(ReadOnlySpan<byte> utf8)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, digest);
        return Convert.ToHexStringLower(digest);
    }
}

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Stoa.Worktables.Hashing;

/// <summary>What a path is, as far as inputs are concerned.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A device, FIFO or socket: never read as an input (it may never end, or never answer).</summary>
    Special,
}

/// <summary>
/// A file's stat fingerprint: size, modification and status-change times with nanoseconds, inode and device.
/// Equal fingerprints mean the content is taken as unchanged without reading it; a moved fingerprint (a touch,
/// a copy over it, an edit) means the content is read again and compared by digest. On Linux it is one statx
/// call per file; elsewhere .NET's stat (size and modification time at 100 ns).
/// </summary>
/// <remarks>
/// File systems stamp times at a coarse tick (a few milliseconds), so a same-size rewrite within one tick of the
/// last read keeps the fingerprint. A fingerprint taken while the file's modification time is that recent is
/// <see cref="Racy"/> (git's "racily clean" entries): it is stored so that it never matches, and the next check
/// reads the file again.
/// </remarks>
internal readonly record struct FileFingerprint(FileKind Kind, string Text, bool Racy = false)
{
    /// <summary>How close to now a modification time makes a fingerprint untrustworthy.</summary>
    private const long RacySeconds = 2;

    /// <summary>The form to store and compare with later: a racy fingerprint never equals a fresh one.</summary>
    public string Stored => Racy ? "racy:" + Text : Text;

    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int SIfMt = 0xF000;
    private const int SIfReg = 0x8000;
    private const int SIfDir = 0x4000;
    private static bool _statxMissing = !OperatingSystem.IsLinux();

    /// <summary>The fingerprint of a missing or unreadable path.</summary>
    public static FileFingerprint Missing { get; } = new(FileKind.Missing, "missing");

    /// <summary>Stats <paramref name="path"/>, following symbolic links (an input may be a link to its data).</summary>
    public static FileFingerprint Of(string path)
    {
        if (!_statxMissing)
        {
            try
            {
                return Statx(path);
            }
            catch (EntryPointNotFoundException)
            {
                _statxMissing = true;
            }
            catch (DllNotFoundException)
            {
                _statxMissing = true;
            }
        }

        return Portable(path);
    }

    /// <summary>
    /// A directory's fingerprint: every entry below it, recursively (a file edited deep inside moves it, a
    /// file added or removed too). A special file inside makes the directory <see cref="FileKind.Special"/>.
    /// </summary>
    public static FileFingerprint OfDirectory(string path)
    {
        var top = Of(path);
        if (top.Kind != FileKind.Directory)
        {
            return top;
        }

        var lines = new List<string>();
        var racy = false;
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories))
            {
                var fp = Of(entry);
                if (fp.Kind == FileKind.Special)
                {
                    return new FileFingerprint(FileKind.Special, "special " + entry);
                }

                lines.Add(Path.GetRelativePath(path, entry) + "\t" + fp.Text);
                racy |= fp.Racy;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Missing;
        }

        lines.Sort(StringComparer.Ordinal);
        var digest = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
        return new FileFingerprint(FileKind.Directory, $"dir:{lines.Count}:{digest}", racy);
    }

    private static FileFingerprint Statx(string path)
    {
        Span<byte> buf = stackalloc byte[256];
        if (NativeStatx(AtFdCwd, path, 0, StatxBasicStats, ref MemoryMarshal.GetReference(buf)) != 0)
        {
            return Missing;
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buf[28..]);
        var kind = (mode & SIfMt) switch
        {
            SIfReg => FileKind.Regular,
            SIfDir => FileKind.Directory,
            _ => FileKind.Special,
        };
        var ino = BinaryPrimitives.ReadUInt64LittleEndian(buf[32..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(buf[40..]);
        var ctimeS = BinaryPrimitives.ReadInt64LittleEndian(buf[96..]);
        var ctimeN = BinaryPrimitives.ReadUInt32LittleEndian(buf[104..]);
        var mtimeS = BinaryPrimitives.ReadInt64LittleEndian(buf[112..]);
        var mtimeN = BinaryPrimitives.ReadUInt32LittleEndian(buf[120..]);
        var devMajor = BinaryPrimitives.ReadUInt32LittleEndian(buf[136..]);
        var devMinor = BinaryPrimitives.ReadUInt32LittleEndian(buf[140..]);
        return new FileFingerprint(kind, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{size}:{mtimeS}.{mtimeN:D9}:{ctimeS}.{ctimeN:D9}:{ino}:{devMajor}.{devMinor}"),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds() - Math.Max(mtimeS, ctimeS) < RacySeconds);
    }

    private static FileFingerprint Portable(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists)
        {
            return new FileFingerprint(FileKind.Regular, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}"),
                DateTime.UtcNow - info.LastWriteTimeUtc < TimeSpan.FromSeconds(RacySeconds));
        }

        var dir = new DirectoryInfo(path);
        return dir.Exists
            ? new FileFingerprint(FileKind.Directory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{dir.LastWriteTimeUtc.Ticks}"))
            : Missing;
    }

    // statx(2) has one layout on every Linux architecture (glibc ≥ 2.28), unlike struct stat.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref byte buffer);
}

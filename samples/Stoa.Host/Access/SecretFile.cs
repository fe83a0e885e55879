namespace Stoa.Host.Access;

/// <summary>
/// Files that hold secrets (password hashes, cookie keys, the login audit) are written readable by their owner only:
/// 0600 files in 0700 folders, created with that mode rather than changed after, so no other user can open one
/// in between.
/// </summary>
internal static class SecretFile
{
    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a 0600 temporary file renamed into place, so a crash never leaves half a file.</summary>
    public static void WriteAllText(string path, string text)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = Open(temp, System.IO.FileMode.CreateNew))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Appends one line to <paramref name="path"/>, creating it 0600.</summary>
    public static void AppendLine(string path, string line)
    {
        using var stream = Open(path, System.IO.FileMode.Append);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(line);
    }

    /// <summary>Creates <paramref name="path"/> as a 0700 folder, or takes group and other bits off an existing one.</summary>
    public static DirectoryInfo Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var folder = Directory.CreateDirectory(path, FolderMode);
        if (folder.UnixFileMode != FolderMode)
        {
            folder.UnixFileMode = FolderMode;
        }

        return folder;
    }

    /// <summary>Takes group and other bits off an existing secret file (one written before its mode was kept).</summary>
    public static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != FileMode)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    private static FileStream Open(string path, System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        var stream = new FileStream(path, options);
        return stream;
    }
}

namespace Stoa.Worktables.Storage.Sqlite;

/// <summary>
/// Keeps the project database from being readable by other users of the machine: it holds every cell, comment and
/// the audit log. SQLite creates a new database with 0644 (less the umask) and gives its <c>-wal</c> and <c>-shm</c>
/// files the database's own mode, so creating the file first with 0600 covers all three.
/// </summary>
internal static class DatabaseFileMode
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> empty with mode 0600 when absent; strips the other-users bits of an existing one.</summary>
    public static void Secure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            // CreateNew: never truncates a database another process created a moment ago.
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }
        catch (IOException) when (File.Exists(path))
        {
            // An existing project (perhaps from a version that left it 0644), with the WAL files a crash may have
            // left: a group the operator chose is kept.
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            {
                var mode = File.GetUnixFileMode(file);
                if ((mode & Others) != 0)
                {
                    File.SetUnixFileMode(file, mode & ~Others);
                }
            }
        }
    }
}

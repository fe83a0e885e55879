namespace Stoa.Worktables.Execution;

/// <summary>
/// A run's scratch folder under <c>&lt;project&gt;-work/</c>, with a lock file beside it (<c>&lt;run&gt;.lock</c>)
/// held with an exclusive OS lock for as long as the run lives. The kernel drops the lock when the process ends,
/// however it ends (kill -9 included), so on the next open a folder whose lock can be taken is provably abandoned
/// and is removed; one whose lock is held belongs to a live run and is left alone. A pid + start-time record was
/// the alternative: it needs the clock and /proc to agree, misjudges a reused pid, and says nothing about a process
/// on another host sharing the file system, where the lock is still honoured by the file server.
/// </summary>
internal sealed class JobFolder : IDisposable
{
    private readonly FileStream _lock;

    private JobFolder(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The folder the run works in.</summary>
    public string Path { get; }

    /// <summary>Takes the lock first, then makes the folder, so no folder of a live run is ever without its held lock.</summary>
    public static JobFolder Create(string workDirectory, string runId)
    {
        Directory.CreateDirectory(workDirectory);
        var path = System.IO.Path.Combine(workDirectory, runId);
        var lockFile = new FileStream(path + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(path);
        return new JobFolder(path, lockFile);
    }

    /// <summary>
    /// Removes every folder (and stray lock file) of <paramref name="workDirectory"/> whose lock no live process holds.
    /// Best effort: what cannot be removed now is tried again at the next open.
    /// </summary>
    /// <returns>How many run folders were removed.</returns>
    public static int RemoveAbandoned(string workDirectory)
    {
        if (!Directory.Exists(workDirectory))
        {
            return 0;
        }

        var removed = 0;
        var entries = Directory.EnumerateDirectories(workDirectory)
            .Concat(Directory.EnumerateFiles(workDirectory, "*.lock").Select(l => l[..^".lock".Length]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var folder in entries)
        {
            FileStream held;
            try
            {
                held = new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // a live run holds it
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            using (held)
            {
                if (TryDelete(folder))
                {
                    removed++;
                }

                TryDeleteFile(folder + ".lock");
            }
        }

        return removed;
    }

    /// <summary>Removes the folder, then its lock file, then lets the lock go.</summary>
    public void Dispose()
    {
        TryDelete(Path);
        TryDeleteFile(Path + ".lock");
        _lock.Dispose();
    }

    private static bool TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
                return true;
            }
        }
        catch (IOException)
        {
            // A scratch folder left behind costs disk, not correctness; the next open tries again.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    private static void TryDeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

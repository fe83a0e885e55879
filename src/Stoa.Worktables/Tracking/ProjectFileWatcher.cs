namespace Stoa.Worktables.Tracking;

/// <summary>
/// Keeps a long-running process's view of a project true to the disk (<see cref="WorktableProject.WatchFiles"/>):
/// file-system notifications on the folders of every tracked file, and a periodic re-check for what they miss
/// (network file systems, too many folders to watch, edits made while a folder was being set up). Either way the
/// work is <see cref="Worktable.CheckFiles"/> on every table, so a notification storm costs one stat pass.
/// </summary>
public sealed class ProjectFileWatcher : IDisposable
{
    /// <summary>At most this many folders are watched; the periodic re-check covers the rest.</summary>
    private const int MaxWatchedFolders = 256;

    private readonly WorktableProject _project;
    private readonly TimeSpan _interval;
    private readonly Action<Worktable, FileCheckResult> _changed;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _pending = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private long _checks;

    internal ProjectFileWatcher(WorktableProject project, TimeSpan interval, Action<Worktable, FileCheckResult> changed)
    {
        _project = project;
        _interval = interval;
        _changed = changed;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>How many checks of the whole project have run (each checks every table).</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>Asks for a check now (as a notification would), without waiting for it.</summary>
    public void CheckSoon() => _wake.Release();

    /// <summary>Stops watching; a check in progress finishes first.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

        foreach (var w in _watchers.Values)
        {
            w.Dispose();
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                CheckAll();
            }
#pragma warning disable CA1031 // A failed check (a table deleted meanwhile, a disk error) must not end the watching; the next one retries.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            try
            {
                await _wake.WaitAsync(_interval, _stop.Token).ConfigureAwait(false);

                // Editors write a file in several steps: let a burst of notifications settle into one check.
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token).ConfigureAwait(false);
                while (_wake.CurrentCount > 0)
                {
                    await _wake.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void CheckAll()
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _project.TableNames)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            Worktable table;
            try
            {
                table = _project.OpenTable(name);
            }
            catch (Errors.WorktableException)
            {
                continue;   // deleted since it was listed
            }

            var result = table.CheckFiles();
            var pending = result.PendingWorkflowChange?.ToString();
            var pendingChanged = _pending.GetValueOrDefault(name) != pending;
            _pending[name] = pending;
            if (result.RowsChanged.Count > 0 || result.ChangedWorkflowFiles.Count > 0 || result.ChangedContainerImages.Count > 0 || pendingChanged)
            {
                _changed(table, result);
            }

            foreach (var folder in table.TrackedFolders())
            {
                folders.Add(folder);
            }
        }

        Interlocked.Increment(ref _checks);
        Watch(folders);
    }

    private void Watch(HashSet<string> folders)
    {
        foreach (var gone in _watchers.Keys.Where(k => !folders.Contains(k)).ToList())
        {
            _watchers[gone].Dispose();
            _watchers.Remove(gone);
        }

        foreach (var folder in folders.Where(f => !_watchers.ContainsKey(f)).Take(MaxWatchedFolders - _watchers.Count))
        {
            try
            {
                var w = new FileSystemWatcher(folder)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes,
                };
                w.Changed += (_, _) => CheckSoon();
                w.Created += (_, _) => CheckSoon();
                w.Deleted += (_, _) => CheckSoon();
                w.Renamed += (_, _) => CheckSoon();
                w.Error += (_, _) => CheckSoon();
                w.EnableRaisingEvents = true;
                _watchers[folder] = w;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // A folder that is gone or cannot be watched (inotify limit): the periodic re-check covers it.
            }
        }
    }
}

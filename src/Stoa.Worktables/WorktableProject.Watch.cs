using Stoa.Worktables.Tracking;

namespace Stoa.Worktables;

public sealed partial class WorktableProject
{
    /// <summary>
    /// Watches every file the project's tables depend on and runs <see cref="Worktable.CheckFiles"/> on every table
    /// when one changes (file-system notifications, and every <paramref name="interval"/> in any case), for a
    /// long-running host such as a web server. The first check runs at once.
    /// </summary>
    /// <param name="interval">The periodic re-check, e.g. 10 s; notifications trigger a check sooner.</param>
    /// <param name="changed">Called, on the watcher's thread, for a table whose rows changed status or whose workflow changed on disk.</param>
    /// <returns>The watcher; dispose it to stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not positive.</exception>
    public ProjectFileWatcher WatchFiles(TimeSpan interval, Action<Worktable, FileCheckResult> changed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(changed);
        return new ProjectFileWatcher(this, interval, changed);
    }
}

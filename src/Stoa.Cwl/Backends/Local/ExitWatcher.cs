using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stoa.Cwl.Backends.Local;

/// <summary>
/// Waits for the exit of every locally spawned job on one thread: each child's pidfd goes into one epoll set, and
/// the thread reaps a child as soon as its pidfd turns readable.
/// </summary>
/// <remarks>
/// A blocking <c>waitpid</c> needs a thread per running job; starting and ending a thread for each job of a large
/// scatter cost more than the job's own bookkeeping (issue 20: clone, stack mapping and the start handshake, which
/// spins in sched_yield, for every trivial job). pidfds need Linux 5.3; where <see cref="TryWatch"/> returns null
/// the caller waits on a thread of its own.
/// </remarks>
internal static unsafe partial class ExitWatcher
{
    private const int EpollCloexec = 0x80000;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const uint EpollIn = 0x1;
    private const int EIntr = 4;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, (int Pid, TaskCompletionSource<int> Exited)> Watched = [];
    private static int _epoll = -1;

    /// <summary>A task completing with the child's exit code (as <see cref="PosixSpawn.WaitForExit"/>), or null
    /// when this kernel or libc has no pidfds.</summary>
    public static Task<int>? TryWatch(int pid)
    {
        int epoll;
        lock (Gate)
        {
            if (_epoll < 0 && !Start())
            {
                return null;
            }

            epoll = _epoll;
        }

        int fd;
        try
        {
            fd = pidfd_open(pid, 0);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        if (fd < 0)
        {
            return null;
        }

        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Gate)
        {
            Watched[fd] = (pid, exited);
        }

        var ev = new EpollEvent { Events = EpollIn, Data = (ulong)fd };
        if (epoll_ctl(epoll, EpollCtlAdd, fd, &ev) != 0)
        {
            lock (Gate)
            {
                Watched.Remove(fd);
            }

            close(fd);
            return null;
        }

        return exited.Task;
    }

    private static bool Start()
    {
        var epoll = epoll_create1(EpollCloexec);
        if (epoll < 0)
        {
            return false;
        }

        _epoll = epoll;
        new Thread(() => Loop(epoll)) { IsBackground = true, Name = "stoa job exits" }.Start();
        return true;
    }

    private static void Loop(int epoll)
    {
        const int batch = 64;
        var events = stackalloc EpollEvent[batch];
        while (true)
        {
            int n = epoll_wait(epoll, events, batch, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EIntr)
                {
                    continue;
                }

                FailAll(new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_wait"));
                return;
            }

            for (var i = 0; i < n; i++)
            {
                var fd = (int)events[i].Data;
                (int Pid, TaskCompletionSource<int> Exited) entry;
                lock (Gate)
                {
                    if (!Watched.Remove(fd, out entry))
                    {
                        continue;
                    }
                }

                epoll_ctl(epoll, EpollCtlDel, fd, null);
                close(fd);
                try
                {
                    // Readable means exited: this waitpid reaps at once.
                    entry.Exited.SetResult(PosixSpawn.WaitForExit(entry.Pid));
                }
                catch (Win32Exception ex)
                {
                    entry.Exited.SetException(ex);
                }
            }
        }
    }

    private static void FailAll(Exception ex)
    {
        lock (Gate)
        {
            foreach (var (_, entry) in Watched)
            {
                entry.Exited.TrySetException(ex);
            }

            Watched.Clear();
            _epoll = -1;
        }
    }

    /// <summary>struct epoll_event: packed on x86-64 (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    private const string Libc = "libc.so.6";

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int pidfd_open(int pid, uint flags);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int epoll_ctl(int epoll, int op, int fd, EpollEvent* ev);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int epoll_wait(int epoll, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport(Libc)]
    private static partial int close(int fd);
}

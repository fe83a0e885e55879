using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stoa.Cwl.Backends.Local;

/// <summary>
/// Starts a job's program with glibc's <c>posix_spawn</c>, its standard streams opened on files by the spawn itself.
/// </summary>
/// <remarks>
/// Why not <see cref="System.Diagnostics.Process"/>: it cannot hand a child a file as stdin/stdout/stderr, so every job
/// used to start <c>/bin/sh</c> only to do the redirections and exec the program — one extra exec per job, about
/// 0.7 ms of the ~2 ms a trivial job costs. Here the child gets its files, working directory, exact environment,
/// default signal dispositions (the .NET runtime ignores SIGPIPE; a child must not inherit that) and its own process
/// group in one call. Linux only; <see cref="IsSupported"/> says when the caller must fall back.
/// </remarks>
internal static unsafe partial class PosixSpawn
{
    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on 64-bit Linux; the buffers are
    // larger so that a libc with larger structures still fits (they are only ever touched through libc calls).
    private const int FileActionsBytes = 512;
    private const int AttributesBytes = 1024;
    private const int SignalSetBytes = 128;

    private const int ORdOnly = 0;
    private const int OWrOnly = 1;
    private const int OCreat = 0x40;
    private const int OTrunc = 0x200;

    private const short SpawnSetProcessGroup = 0x02;
    private const short SpawnSetSignalDefaults = 0x04;
    private const short SpawnSetSignalMask = 0x08;

    private const int ENoEnt = 2;
    private const int EIntr = 4;
    private const int EAcces = 13;
    private const int ENoExec = 8;
    private const int ESrch = 3;

    /// <summary>True where this spawner works (Linux with glibc's posix_spawn extensions).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && HasChdirExtension();

    /// <summary>What starting the program gave: a process id, or the exit code and message a shell would have given.</summary>
    public readonly record struct Outcome(int ProcessId, int FailureExitCode, string? FailureMessage);

    /// <summary>Starts <paramref name="argv"/> with its streams on the given files; never throws for a missing program.</summary>
    public static Outcome Start(
        IReadOnlyList<string> argv,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        string stdinPath,
        string stdoutPath,
        string stderrPath)
    {
        // Resolve the program on the job's PATH (the shell did this before): posix_spawnp would search ours.
        var program = Resolve(argv[0], environment, workingDirectory, out int notFoundCode);
        if (program is null)
        {
            return new Outcome(0, notFoundCode, notFoundCode == 126
                ? $"stoa: {argv[0]}: permission denied"
                : $"stoa: {argv[0]}: command not found");
        }

        if (!File.Exists(stdinPath))
        {
            return new Outcome(0, 2, $"stoa: cannot open {stdinPath}: no such file");
        }

        int error = Spawn(program, argv, environment, workingDirectory, stdinPath, stdoutPath, stderrPath, out int pid);
        if (error == ENoExec)
        {
            // An executable text file without "#!": the shell ran such files as shell scripts; so do we.
            var viaShell = new List<string>(argv.Count + 1) { "/bin/sh", program };
            viaShell.AddRange(argv.Skip(1));
            error = Spawn("/bin/sh", viaShell, environment, workingDirectory, stdinPath, stdoutPath, stderrPath, out pid);
        }

        return error switch
        {
            0 => new Outcome(pid, 0, null),
            ENoEnt => new Outcome(0, 127, $"stoa: {argv[0]}: not found ({program})"),
            EAcces => new Outcome(0, 126, $"stoa: {argv[0]}: permission denied ({program})"),
            _ => throw new Win32Exception(error, $"posix_spawn {program}: {new Win32Exception(error).Message}"),
        };
    }

    /// <summary>Blocks until the child exits and returns its exit code (128 + signal number when killed).</summary>
    public static int WaitForExit(int pid)
    {
        while (true)
        {
            int status;
            int r = waitpid(pid, &status, 0);
            if (r == pid)
            {
                int signal = status & 0x7f;
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != EIntr)
            {
                throw new Win32Exception(errno, $"waitpid {pid}");
            }
        }
    }

    /// <summary>Sends SIGKILL to the child's process group (the child and what it started), ignoring one that is gone.</summary>
    public static void KillGroup(int pid)
    {
        const int sigKill = 9;
        if (kill(-pid, sigKill) != 0 && Marshal.GetLastPInvokeError() != ESrch)
        {
            kill(pid, sigKill);
        }
    }

    private static int Spawn(
        string program,
        IReadOnlyList<string> argv,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        string stdinPath,
        string stdoutPath,
        string stderrPath,
        out int pid)
    {
        var actions = NativeMemory.AllocZeroed(FileActionsBytes);
        var attributes = NativeMemory.AllocZeroed(AttributesBytes);
        var signals = NativeMemory.AllocZeroed(SignalSetBytes);
        var argvBlock = new Utf8StringArray(argv);
        var envBlock = new Utf8StringArray(environment.Select(kv => kv.Key + "=" + kv.Value).ToList());
        try
        {
            Check(posix_spawn_file_actions_init(actions), "file actions");
            try
            {
                Check(posix_spawn_file_actions_addchdir_np(actions, workingDirectory), "chdir");
                Check(posix_spawn_file_actions_addopen(actions, 0, stdinPath, ORdOnly, 0), "stdin");
                Check(posix_spawn_file_actions_addopen(actions, 1, stdoutPath, OWrOnly | OCreat | OTrunc, 0x1b6), "stdout");
                Check(posix_spawn_file_actions_addopen(actions, 2, stderrPath, OWrOnly | OCreat | OTrunc, 0x1b6), "stderr");
                Check(posix_spawn_file_actions_addclosefrom_np(actions, 3), "closefrom");
                Check(posix_spawnattr_init(attributes), "attributes");
                try
                {
                    sigfillset(signals);

                    // glibc leaves its two internal signals (32, 33) out of a filled set and sets them to "ignore" in
                    // the child, and ignored signals survive exec. A sigset_t is an array of 64-bit words, signal n
                    // at bit n-1 (Linux ABI), so they are added by hand to have every signal at its default.
                    ((ulong*)signals)[0] |= (1UL << 31) | (1UL << 32);
                    Check(posix_spawnattr_setsigdefault(attributes, signals), "signal defaults");
                    sigemptyset(signals);
                    Check(posix_spawnattr_setsigmask(attributes, signals), "signal mask");
                    Check(posix_spawnattr_setpgroup(attributes, 0), "process group");
                    Check(posix_spawnattr_setflags(attributes, SpawnSetProcessGroup | SpawnSetSignalDefaults | SpawnSetSignalMask), "flags");
                    int p;
                    int error = posix_spawn(&p, program, actions, attributes, argvBlock.Pointer, envBlock.Pointer);
                    pid = p;
                    return error;
                }
                finally
                {
                    posix_spawnattr_destroy(attributes);
                }
            }
            finally
            {
                posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            argvBlock.Dispose();
            envBlock.Dispose();
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signals);
        }
    }

    private static string? Resolve(string name, IReadOnlyDictionary<string, string> environment, string workingDirectory, out int notFoundCode)
    {
        notFoundCode = 127;
        if (name.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.IsPathRooted(name) ? name : Path.Combine(workingDirectory, name);
            return Usable(path, ref notFoundCode) ? path : null;
        }

        // dash's default when PATH is unset.
        var search = environment.TryGetValue("PATH", out var p) ? p : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in search.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? workingDirectory : Path.Combine(workingDirectory, dir), name);
            if (Usable(candidate, ref notFoundCode))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool Usable(string path, ref int notFoundCode)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const int executable = 1;
        if (access(path, executable) != 0)
        {
            notFoundCode = 126;
            return false;
        }

        return true;
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"posix_spawn setup ({what}): {new Win32Exception(error).Message}");
        }
    }

    private static bool HasChdirExtension()
    {
        try
        {
            return NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "posix_spawn_file_actions_addchdir_np", out _)
                && NativeLibrary.TryGetExport(libc, "posix_spawn_file_actions_addclosefrom_np", out _);
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A NULL-terminated array of UTF-8 strings in native memory, as argv and envp want.</summary>
    private readonly struct Utf8StringArray : IDisposable
    {
        private readonly IntPtr[] _strings;

        public Utf8StringArray(IReadOnlyList<string> values)
        {
            _strings = new IntPtr[values.Count];
            Pointer = (IntPtr*)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(IntPtr));
            for (int i = 0; i < values.Count; i++)
            {
                _strings[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
                Pointer[i] = _strings[i];
            }
        }

        public IntPtr* Pointer { get; }

        public void Dispose()
        {
            foreach (var s in _strings)
            {
                Marshal.FreeCoTaskMem(s);
            }

            NativeMemory.Free(Pointer);
        }
    }

    private const string Libc = "libc.so.6";

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn(int* pid, string path, void* fileActions, void* attributes, IntPtr* argv, IntPtr* envp);

    [LibraryImport(Libc)]
    private static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport(Libc)]
    private static partial int posix_spawn_file_actions_destroy(void* fileActions);

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addopen(void* fileActions, int fd, string path, int flags, int mode);

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addchdir_np(void* fileActions, string path);

    [LibraryImport(Libc)]
    private static partial int posix_spawn_file_actions_addclosefrom_np(void* fileActions, int from);

    [LibraryImport(Libc)]
    private static partial int posix_spawnattr_init(void* attributes);

    [LibraryImport(Libc)]
    private static partial int posix_spawnattr_destroy(void* attributes);

    [LibraryImport(Libc)]
    private static partial int posix_spawnattr_setflags(void* attributes, short flags);

    [LibraryImport(Libc)]
    private static partial int posix_spawnattr_setpgroup(void* attributes, int processGroup);

    [LibraryImport(Libc)]
    private static partial int posix_spawnattr_setsigdefault(void* attributes, void* signals);

    [LibraryImport(Libc)]
    private static partial int posix_spawnattr_setsigmask(void* attributes, void* signals);

    [LibraryImport(Libc)]
    private static partial int sigfillset(void* signals);

    [LibraryImport(Libc)]
    private static partial int sigemptyset(void* signals);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Libc, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int access(string path, int mode);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int kill(int pid, int signal);
}

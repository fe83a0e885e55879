using System.Runtime.InteropServices;
using Stoa.Host.Commands;

namespace Stoa.Host.Native;

/// <summary>
/// The full host (samples/Stoa.Host, Native AOT, or ReadyToRun where clang is missing) installed in <c>host/</c>
/// beside this binary. This process
/// replaces itself with it (execv): same process id, standard streams, signals and exit code, nothing in between.
/// </summary>
internal static partial class FullHost
{
    /// <summary>Where eng/publish-stoa.sh puts the full host's launcher.</summary>
    public static string Launcher => Path.Combine(AppContext.BaseDirectory, "host", "stoa");

    /// <summary>Becomes the full host with <paramref name="args"/>; returns only when that fails (exit 127, as a shell).</summary>
    public static int Exec(string[] args)
    {
        var launcher = Launcher;
        if (!File.Exists(launcher))
        {
            Console.Error.WriteLine($"stoa: only 'stoa cwl' is in this build; the other commands need the full host at {launcher} (eng/publish-stoa.sh installs it)");
            return ExitCodes.BadInput;
        }

        var strings = new nint[args.Length + 2];
        try
        {
            strings[0] = Marshal.StringToCoTaskMemUTF8(launcher);
            for (var i = 0; i < args.Length; i++)
            {
                strings[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            // The array ends with a null pointer, as execv wants; on success nothing below runs.
            execv(strings[0], strings);
            Console.Error.WriteLine($"stoa: cannot start {launcher}: {Marshal.GetLastPInvokeErrorMessage()}");
            return 127;
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }
        }
    }

    [LibraryImport("libc.so.6", SetLastError = true)]
    private static partial int execv(nint path, nint[] argv);
}

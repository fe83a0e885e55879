using System.Diagnostics;
using System.Text.Json;
using Xunit.Sdk;

namespace Stoa.Fits.Tests.Interop;

/// <summary>Runs the astropy scripts with the Debian interpreter. A missing interpreter or astropy fails the test:
/// test.sh installs python3-astropy (eng/apt-packages.txt), so absence is an environment error, never a skip.</summary>
internal static class Astropy
{
    public const string Python = "/usr/bin/python3";

    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "Interop", "Scripts");

    public static string Run(string script, params string[] args)
    {
        if (!File.Exists(Python))
        {
            throw new XunitException($"{Python} is missing: install python3-astropy (./test.sh does this as root)");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Scripts, script));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{script} did not finish within 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new XunitException($"{Python} {script} failed ({process.ExitCode}); is python3-astropy installed?\n{stderr.Result}");
        }

        return stdout;
    }

    /// <summary>What astropy sees in a file (see Scripts/dump_fits.py).</summary>
    public static JsonElement Dump(string path) => JsonDocument.Parse(Run("dump_fits.py", path)).RootElement;
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Stoa.Host.Tests.Interop;

/// <summary>
/// Reads the host's table exports with astropy (Debian's interpreter, which test.sh installs with python3-astropy):
/// a missing interpreter or astropy fails the test, never skips it.
/// </summary>
internal static class Astropy
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// What astropy reads from a FITS binary table or a VOTable (validated with <c>verify='exception'</c>):
    /// <c>{"columns": [{name, unit, ucd}], "rows": [{column: value}]}</c>.
    /// </summary>
    public static JsonObject ReadTable(string path)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "Scripts", "read_table.py"));
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new XunitException($"{Python} could not start: install python3-astropy");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"astropy did not read {path} within 2 minutes");
        }

        return process.ExitCode == 0
            ? JsonNode.Parse(stdout)!.AsObject()
            : throw new XunitException($"astropy could not read {path} ({process.ExitCode}):\n{stderr.Result}");
    }
}

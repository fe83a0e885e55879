using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Stoa.Worktables.Tests.Export;

/// <summary>
/// Runs readback.py under the Debian astropy (<c>/usr/bin/python3</c>, not the pyenv one on PATH) and parses the
/// JSON it prints. A missing interpreter or astropy fails the test: read-back against a real reader is the point.
/// </summary>
internal static class Astropy
{
    private const string Python = "/usr/bin/python3";

    public static JsonNode Run(string mode, string path)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Export", "readback.py");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(mode);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Python}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"astropy read-back ({mode} {path}) failed with exit code {p.ExitCode}:\n{stderr.Result}");
        return JsonNode.Parse(stdout)!;
    }
}

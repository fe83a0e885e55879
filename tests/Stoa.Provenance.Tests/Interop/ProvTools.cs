using System.Diagnostics;

namespace Stoa.Provenance.Tests.Interop;

/// <summary>
/// Runs the real W3C PROV tools (Debian python3-prov, python3-rdflib, prov-tools) on files we wrote. A missing tool
/// fails the test: test.sh installs them from eng/apt-packages.txt, so absence means a broken machine, not a skip.
/// </summary>
internal static class ProvTools
{
    public const string Python = "/usr/bin/python3";
    public const string ProvCompare = "/usr/bin/prov-compare";

    public static (int ExitCode, string Output) Run(string program, params string[] args) => RunIn(null, program, args);

    public static (int ExitCode, string Output) RunIn(string? workingDirectory, string program, params string[] args)
    {
        Assert.True(File.Exists(program), $"{program} is missing: install the Debian packages in eng/apt-packages.txt (./test.sh does).");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs a Python script with the prov package; fails the test when prov cannot be imported.</summary>
    public static string RunPython(string script, params string[] args)
    {
        var (code, output) = Run(Python, ["-c", "import prov, rdflib\n" + script, .. args]);
        Assert.False(output.Contains("No module named", StringComparison.Ordinal),
            "python3-prov / python3-rdflib are missing: install eng/apt-packages.txt (./test.sh does).\n" + output);
        Assert.True(code == 0, $"python exited {code}:\n{output}");
        return output;
    }
}

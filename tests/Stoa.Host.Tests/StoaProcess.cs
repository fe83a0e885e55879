using System.Diagnostics;

namespace Stoa.Host.Tests;

/// <summary>Runs the real <c>stoa</c> executable (copied beside the tests) as a child process, as users do.</summary>
internal static class StoaProcess
{
    /// <summary>The stoa.dll beside the test assembly.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "stoa.dll");

    /// <summary>
    /// The installed executable to test instead of <c>dotnet stoa.dll</c>, from <c>STOA_TEST_EXE</c> (test.sh points it
    /// at what <c>eng/publish-stoa.sh</c> installs, the Native AOT build), or null.
    /// </summary>
    public static string? Executable => Environment.GetEnvironmentVariable("STOA_TEST_EXE") is { Length: > 0 } exe
        ? Path.GetFullPath(exe)
        : null;

    /// <summary>
    /// How every test starts <c>stoa ARGS</c> in <paramref name="workingDirectory"/>: the installed executable when
    /// <see cref="Executable"/> is set, else <c>dotnet stoa.dll</c>; output redirected, colours off.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Executable is null)
        {
            start.ArgumentList.Add(Dll);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Runs <c>stoa ARGS</c> (as <see cref="StartInfo"/> starts it) in <paramref name="workingDirectory"/>; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, string? stdin, params string[] args) =>
        Run(workingDirectory, stdin, Timeout.InfiniteTimeSpan, args);

    /// <summary>
    /// As <see cref="Run(string, string?, string[])"/>, for a command that must end by itself (e.g. <c>stoa serve</c>
    /// refusing to start): killed after <paramref name="timeout"/>, which fails the test.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, string? stdin, TimeSpan timeout, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.WriteLine(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"stoa {string.Join(' ', args)} still ran after {timeout.TotalSeconds} s (killed)");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts <c>stoa serve --urls BASEURL ARGS</c> in <paramref name="workingDirectory"/> and waits until
    /// <paramref name="readyPath"/> answers 2xx (at most a minute); the caller kills the process.
    /// </summary>
    public static async Task<Process> ServeAsync(string workingDirectory, string baseUrl, string readyPath, params string[] args)
    {
        var server = Process.Start(StartInfo(workingDirectory, new[] { "serve", "--urls", baseUrl }.Concat(args)))!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + readyPath)).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (i < 600 && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A TCP port free on the loopback interface now.</summary>
    public static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}

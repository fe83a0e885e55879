using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Stoa.Host.Tests;

/// <summary>A real <c>stoa serve</c> child process on a free loopback port, its output kept in a log file.</summary>
internal sealed class StoaServer : IAsyncDisposable
{
    private readonly Process _process;

    private StoaServer(Process process, string baseUrl, string log)
    {
        _process = process;
        BaseUrl = baseUrl;
        Log = log;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The file holding its stdout and stderr.</summary>
    public string Log { get; }

    /// <summary>Starts <c>stoa serve --project PROJECT --urls …</c> (plus <paramref name="options"/>) and waits until it answers.</summary>
    public static async Task<StoaServer> StartAsync(string workingDirectory, string project, string log, params string[] options)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var process = Process.Start(StoaProcess.StartInfo(workingDirectory, new[] { "serve", "--project", project, "--urls", baseUrl }.Concat(options)))!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (writer) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (writer) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/login")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 300 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        return new StoaServer(process, baseUrl, log);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

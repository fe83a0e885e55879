using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Stoa.Host.Tests.Web;

/// <summary>
/// A demo project (three BaSC fields) with an Owner, a Collaborator and a Reader, served by a real
/// <c>stoa serve</c> child process, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The accounts: user, password, role on table 'fields'.</summary>
    public static readonly (string User, string Password, string Role)[] Accounts =
    [
        ("olga", "owner-password-1", "Owner"),
        ("carl", "collab-password-2", "Collaborator"),
        ("rita", "reader-password-3", "Reader"),
    ];

    private Process? _server;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("stoa-web-").FullName;

    public string BaseUrl { get; private set; } = string.Empty;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ServerLog => Path.Combine(Directory, "serve.log");

    public async Task InitializeAsync()
    {
        var demo = StoaProcess.Run(Directory, null, "demo", "--dir", Directory);
        Assert.True(demo.ExitCode == 0, demo.Stdout + demo.Stderr);
        var project = Path.Combine(Directory, "project.stoa");
        foreach (var (user, password, role) in Accounts)
        {
            Assert.Equal(0, StoaProcess.Run(Directory, password, "user", "add", user, "-p", project).ExitCode);
            // The demo's tables have no owner: the Owner claims 'fields', then shares it (checked by Stoa.Worktables).
            var share = role == "Owner"
                ? StoaProcess.Run(Directory, null, "table", "share", "fields", user, role, "-p", project)
                : StoaProcess.Run(Directory, null, "table", "share", "fields", user, role, "--as", Accounts[0].User, "-p", project);
            Assert.True(share.ExitCode == 0, share.Stderr);
        }

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { StoaProcess.Dll, "serve", "--project", Directory, "--urls", BaseUrl })
        {
            start.ArgumentList.Add(a);
        }

        _server = Process.Start(start)!;
        var log = new StreamWriter(ServerLog) { AutoFlush = true };
        _server.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        _server.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/login")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 300 && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    /// <summary>A fresh browser context logged in as <paramref name="user"/>, on the 'fields' table page.</summary>
    public async Task<IPage> LogInAsync(string user)
    {
        var password = Accounts.Single(a => a.User == user).Password;
        var context = await Browser.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/login");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(BaseUrl + "/");
        await page.ClickAsync("a[href='/t/fields']");
        await page.WaitForSelectorAsync("#rows");
        return page;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Web;

/// <summary>
/// Issue 15 in the web app: <c>stoa serve</c> notices files changing on disk by itself and pushes the new row
/// states to an open page (no reload): a real server on a scratch project, Debian's Chromium, real file edits.
/// </summary>
public sealed class WebFileWatchTests : IAsyncLifetime
{
    private const string Password = "watch-password-1";
    private readonly ScratchProject _s = new("stoa-watch-");
    private Process? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = string.Empty;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_s.Dir, "cat.cwl"), ScratchProject.CatTool);
        File.WriteAllText(Path.Combine(_s.Dir, "a.txt"), "alpha");
        File.WriteAllText(Path.Combine(_s.Dir, "b.txt"), "beta");
        _s.Ok("table", "new", "t", "cat.cwl");
        _s.Ok("table", "add", "t", "f=a.txt");
        _s.Ok("table", "add", "t", "f=b.txt");
        _s.Ok("table", "recompute", "t");
        Assert.Equal(0, StoaProcess.Run(_s.Dir, Password, "user", "add", "ada", "--project", "p.stoa").ExitCode);
        _s.Ok("table", "share", "t", "ada", "Owner");

        _baseUrl = $"http://127.0.0.1:{FreePort()}";
        _server = await StoaProcess.ServeAsync(_s.Dir, _baseUrl, "/login", "--project", "p.stoa", "--check-interval", "3");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        _s.Dispose();
    }

    [Fact]
    public async Task An_edited_input_file_turns_its_row_stale_on_the_open_page_with_the_reason()
    {
        var page = await (await _browser!.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(_baseUrl + "/login");
        await page.FillAsync("#user", "ada");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(_baseUrl + "/", new() { Timeout = 60_000 });
        await page.GotoAsync(_baseUrl + "/t/t");
        Assert.Equal("Succeeded", (await page.TextContentAsync("#row-1 .status"))!.Trim());
        Assert.Equal("Succeeded", (await page.TextContentAsync("#row-2 .status"))!.Trim());

        // Give the page a moment to open its event stream (it does so on load), then change one input file on disk.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await File.WriteAllTextAsync(Path.Combine(_s.Dir, "b.txt"), "beta, second edition");

        await page.WaitForSelectorAsync("#row-2 .reasons li", new() { Timeout = 90_000 });
        Assert.StartsWith("Stale", (await page.TextContentAsync("#row-2 .status"))!.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("input f changed (sha1 ", await page.TextContentAsync("#row-2 .reasons li"), StringComparison.Ordinal);
        Assert.Equal("Succeeded", (await page.TextContentAsync("#row-1 .status"))!.Trim());

        // A workflow whose columns changed on disk is announced on the page; the rows keep their results.
        var cwl = File.ReadAllText(Path.Combine(_s.Dir, "cat.cwl")).Replace("inputs:\n", "inputs:\n  n: int?\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_s.Dir, "cat.cwl"), cwl);
        await page.ReloadAsync();
        Assert.Contains("adds n (int?)", await page.TextContentAsync("#workflow-change"), StringComparison.Ordinal);
        Assert.Equal("Succeeded", (await page.TextContentAsync("#row-1 .status"))!.Trim());
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

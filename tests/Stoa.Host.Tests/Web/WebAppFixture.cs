using Microsoft.Playwright;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Host.Tests.Web;

/// <summary>The web app's test classes share one served project (the demo takes a while on two cores).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "web app";
}

/// <summary>
/// A demo project (three BaSC fields) with an Owner, a Collaborator and a Reader on table 'fields', and a small
/// position table 'sources' (RA/Dec columns with their UCDs, Owner olga, Reader rita, nothing for carl), served by a
/// real <c>stoa serve</c> child process, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>The rows of 'sources': name, RA and Dec in degrees.</summary>
    public static readonly (string Name, double Ra, double Dec)[] Sources =
    [
        ("near", 10.0, 20.0),
        ("close", 10.05, 20.02),
        ("far", 200.0, -45.0),
    ];

    /// <summary>The accounts: user, password, role on table 'fields'.</summary>
    public static readonly (string User, string Password, string Role)[] Accounts =
    [
        ("olga", "owner-password-1", "Owner"),
        ("carl", "collab-password-2", "Collaborator"),
        ("rita", "reader-password-3", "Reader"),
    ];

    private StoaServer? _server;

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

        AddSourcesTable(project);
        _server = await StoaServer.StartAsync(Directory, Directory, ServerLog);
        BaseUrl = _server.BaseUrl;

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
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context logged in as <paramref name="user"/>, on the page of <paramref name="table"/>.</summary>
    public async Task<IPage> LogInAsync(string user, string table = "fields")
    {
        var password = Accounts.Single(a => a.User == user).Password;
        var context = await Browser.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/login");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login");
        // The table list's link rather than WaitForURL: that wait has timed out with the list already shown (it saw
        // "networkidle" but never "load" of the redirected page), on e3a5a15 too. Twice Playwright's default timeout:
        // on the shared two cores a login has once taken longer than 30 s.
        await page.Locator($"a[href='/t/{table}']").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(BaseUrl + "/", page.Url);
        await page.ClickAsync($"a[href='/t/{table}']");
        await page.WaitForSelectorAsync("#rows");
        return page;
    }

    /// <summary>'sources' is made through the library: the CLI has no command to set a column's UCD.</summary>
    private static void AddSourcesTable(string path)
    {
        using var project = WorktableProject.Open(path);
        var workflow = WorkflowDefinition.FromColumns(
            "positions",
            [ColumnDefinition.Input("name", ColumnType.String), ColumnDefinition.Input("ra", ColumnType.Double), ColumnDefinition.Input("dec", ColumnType.Double)],
            [],
            "positions only; never run");
        var sources = project.CreateTableAs(Accounts[0].User, "sources", workflow, new WorktableOptions { KeyColumns = ["name"] });
        sources.SetColumnMetadata("ra", "deg", "pos.eq.ra;meta.main");
        sources.SetColumnMetadata("dec", "deg", "pos.eq.dec;meta.main");
        sources.AddRows([.. Sources.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["name"] = s.Name, ["ra"] = s.Ra, ["dec"] = s.Dec })]);
        sources.Grant("rita", WorktableRole.Reader);
    }
}

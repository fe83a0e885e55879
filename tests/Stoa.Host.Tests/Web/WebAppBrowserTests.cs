using Microsoft.Playwright;
using Stoa.Fits;

namespace Stoa.Host.Tests.Web;

/// <summary>
/// The web app in a real browser (Debian's Chromium via Playwright for .NET) against a real <c>stoa serve</c>:
/// each role logs in; the Owner edits and runs a row and watches its status change live; a Reader cannot edit;
/// a Collaborator's comment reaches the Owner's open page; a download is a valid FITS file.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppBrowserTests(WebAppFixture app)
{
    private const string FieldB = "#row-2";

    [Fact]
    public async Task Owner_Edits_And_Runs_A_Row_And_Sees_Its_Status_Live_Without_Reload()
    {
        var page = await app.LogInAsync("olga");
        Assert.Equal("Owner", await page.InnerTextAsync("#role"));
        await Assertions.Expect(page.Locator($"{FieldB} .status")).ToHaveTextAsync("Succeeded");
        Assert.True(await page.Locator("#row-1 img.thumb").CountAsync() > 0, "a PNG output shows as a thumbnail");

        // A marker that a full-page reload would wipe.
        await page.EvaluateAsync("() => window.__noReload = 42");
        await page.FillAsync($"{FieldB} input[name=samples]", "2500");
        await page.ClickAsync($"{FieldB} button.save");
        await Assertions.Expect(page.Locator($"{FieldB} .status")).ToHaveTextAsync("Stale");
        await page.ClickAsync("#run");
        await Assertions.Expect(page.Locator($"{FieldB} .status")).ToHaveTextAsync("Running", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"{FieldB} .status")).ToHaveTextAsync("Succeeded", new() { Timeout = 90_000 });
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__noReload"));
        await Assertions.Expect(page.Locator("#row-1 .status")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.Locator($"{FieldB} input[name=samples]")).ToHaveValueAsync("2500");

        var shot = Path.Combine(Environment.GetEnvironmentVariable("STOA_SCREENSHOT_DIR") ?? app.Directory, "web-owner.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 1000);
    }

    [Fact]
    public async Task Reader_Sees_The_Table_But_Cannot_Edit_Or_Run()
    {
        var page = await app.LogInAsync("rita");
        Assert.Equal("Reader", await page.InnerTextAsync("#role"));
        Assert.Equal(0, await page.Locator("#rows input.cell").CountAsync());
        Assert.Equal(0, await page.Locator("#run").CountAsync());
        Assert.Equal(0, await page.Locator("form.comment").CountAsync());
        Assert.Equal(0, await page.Locator("form.flag").CountAsync());
        // Exporting is a Reader's right (WorktableOperation.Export), so the export links and the table send are there.
        Assert.Equal(1, await page.Locator("#export-fits").CountAsync());
        Assert.Equal(1, await page.Locator("#table-topcat").CountAsync());
        var before = await page.InnerTextAsync("#row-1");

        // Even a hand-made request with a valid anti-forgery token is refused, and changes nothing.
        var status = await page.EvaluateAsync<int>("""
            async () => {
              const data = new FormData();
              data.append('seed', '99');
              data.append('__RequestVerificationToken', document.querySelector('meta[name=csrf]').content);
              const edit = await fetch('/t/fields/rows/1/edit', { method: 'POST', body: data });
              const run = await fetch('/t/fields/run', { method: 'POST', body: data });
              return edit.status * 1000 + run.status;
            }
            """);
        Assert.Equal(403403, status);
        await page.ReloadAsync();
        Assert.Equal(before, await page.InnerTextAsync("#row-1"));
    }

    [Fact]
    public async Task Collaborators_Comment_Appears_On_The_Owners_Open_Page()
    {
        var owner = await app.LogInAsync("olga");
        var collaborator = await app.LogInAsync("carl");
        Assert.Equal("Collaborator", await collaborator.InnerTextAsync("#role"));
        Assert.Equal(0, await collaborator.Locator("#rows input.cell").CountAsync());
        Assert.Equal(0, await collaborator.Locator("#run").CountAsync());
        Assert.Equal(3, await collaborator.Locator("#rows form.flag").CountAsync());

        var text = $"two sources look blended {Guid.NewGuid():N}";
        await collaborator.FillAsync("#row-1 form.comment input[name=text]", text);
        await collaborator.ClickAsync("#row-1 form.comment button");
        await Assertions.Expect(owner.Locator("#row-1 .notes")).ToContainTextAsync(text, new() { Timeout = 15_000 });
        await Assertions.Expect(owner.Locator("#row-1 .notes")).ToContainTextAsync("carl");

        // The Collaborator may not run.
        var run = await collaborator.EvaluateAsync<int>("""
            async () => {
              const data = new FormData();
              data.append('__RequestVerificationToken', document.querySelector('meta[name=csrf]').content);
              return (await fetch('/t/fields/run', { method: 'POST', body: data })).status;
            }
            """);
        Assert.Equal(403, run);
    }

    [Fact]
    public async Task Catalogue_Download_Is_A_Valid_Fits_Table()
    {
        var page = await app.LogInAsync("rita");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#row-3 a.download:text('catalogue.fits')"));
        var path = Path.Combine(app.Directory, "download.fits");
        await download.SaveAsAsync(path);
        Assert.EndsWith("catalogue.fits", download.SuggestedFilename, StringComparison.Ordinal);
        using var fits = FitsFile.Open(path);
        var table = fits.GetTable(1);
        Assert.True(table.RowCount >= 1);
        Assert.NotNull(table.FindColumn("flux_jy") ?? table.FindColumn("FLUX_JY") ?? table.Columns.FirstOrDefault(c => c.Name.Contains("flux", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Send_To_Topcat_Delivers_The_Fits_Catalogue_To_The_Real_Samp_Receiver()
    {
        // test.sh starts astropy's hub and a recording receiver (eng/services/samp) and exports SAMP_HUB.
        var received = Path.Combine(Environment.GetEnvironmentVariable("STOA_SAMP_DIR") ?? "/tmp/stoa-samp", "received.jsonl");
        var before = File.Exists(received) ? File.ReadAllLines(received).Length : 0;
        var page = await app.LogInAsync("rita");
        await page.ClickAsync("#row-3 button.topcat");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("sent to", new() { Timeout = 30_000 });
        var lines = File.ReadAllLines(received).Skip(before).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var record = Assert.Single(lines, r => r.GetProperty("mtype").GetString() == "table.load.fits" && r.GetProperty("sender_name").GetString() == "stoa");
        using var fits = FitsFile.Open(record.GetProperty("saved_to").GetString()!);
        Assert.True(fits.GetTable(1).RowCount >= 1);
    }

    [Fact]
    public async Task Bad_Requests_Get_400_Or_403_With_A_Message_Never_A_Stack_Trace()
    {
        var page = await app.LogInAsync("olga");
        var results = await page.EvaluateAsync<string[]>("""
            async () => {
              const token = document.querySelector('meta[name=csrf]').content;
              const post = async (url, fields, withToken = true) => {
                const data = new FormData();
                for (const [k, v] of Object.entries(fields)) data.append(k, v);
                if (withToken) data.append('__RequestVerificationToken', token);
                const r = await fetch(url, { method: 'POST', body: data });
                return r.status + ' ' + await r.text();
              };
              const get = async url => { const r = await fetch(url); return r.status + ' ' + (await r.text()).slice(0, 200); };
              return [
                await post('/t/fields/rows/1/edit', { seed: '3' }, false),
                await post('/t/fields/rows/1/edit', { seed: 'three' }),
                await post('/t/fields/rows/1/edit', { nope: '1' }),
                await post('/t/fields/rows/999/edit', { seed: '3' }),
                await get('/t/fields/rows/999/log'),
                await get('/t/fields/rows/1/files/..%2F..%2Fetc%2Fpasswd'),
                await get('/t/secret/rows/1/log'),
                await get('/t/fields/export/xlsx'),
                await get('/t/fields/export/votable?serialization=fits'),
                await get('/t/fields/export/csv?serialization=binary2'),
                await get('/t/fields/export/fits?hidden=yes'),
              ];
            }
            """);
        Assert.StartsWith("400 missing or invalid anti-forgery", results[0], StringComparison.Ordinal);
        // The library's message names the row and the column (the value is parsed by Stoa.Worktables as a CSV cell is).
        Assert.StartsWith("400 row 1, column 'seed'", results[1], StringComparison.Ordinal);
        Assert.StartsWith("400 ", results[2], StringComparison.Ordinal);
        Assert.StartsWith("404 ", results[3], StringComparison.Ordinal);
        Assert.StartsWith("404 ", results[4], StringComparison.Ordinal);
        Assert.StartsWith("400 ", results[5], StringComparison.Ordinal);
        Assert.StartsWith("403 ", results[6], StringComparison.Ordinal);
        Assert.StartsWith("400 unknown export format 'xlsx'", results[7], StringComparison.Ordinal);
        Assert.StartsWith("400 unknown VOTable serialization 'fits'", results[8], StringComparison.Ordinal);
        Assert.StartsWith("400 'serialization' applies to the votable export only", results[9], StringComparison.Ordinal);
        Assert.StartsWith("400 'hidden' is 1", results[10], StringComparison.Ordinal);
        Assert.All(results, r => Assert.DoesNotContain("   at ", r, StringComparison.Ordinal));

        // A failed login is a 400 with a message; no password ever reaches the server log.
        var context = await app.Browser.NewContextAsync();
        var login = await context.NewPageAsync();
        await login.GotoAsync(app.BaseUrl + "/login");
        await login.FillAsync("#user", "olga");
        await login.FillAsync("#password", "wrong-password-xyz");
        await login.ClickAsync("#login");
        await Assertions.Expect(login.Locator("#login-error")).ToContainTextAsync("wrong password");
        var log = File.ReadAllText(app.ServerLog);
        Assert.DoesNotContain("wrong-password-xyz", log, StringComparison.Ordinal);
        Assert.All(WebAppFixture.Accounts, a => Assert.DoesNotContain(a.Password, log, StringComparison.Ordinal));
    }
}

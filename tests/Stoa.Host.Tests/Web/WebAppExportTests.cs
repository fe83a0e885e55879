using System.Text.Json;
using Microsoft.Playwright;
using Stoa.Fits;

namespace Stoa.Host.Tests.Web;

/// <summary>
/// Whole-table exports and the table-level Send to TOPCAT, in the real browser against the real <c>stoa serve</c>,
/// each as the Reader (the least role that may export). Every file is read back by an independent reader: Stoa.Fits
/// for FITS, astropy's strict parser for VOTable, the real SAMP receiver for TOPCAT.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppExportTests(WebAppFixture app)
{
    [Fact]
    public async Task Fits_Export_Downloads_A_Bintable_With_The_Tables_Rows_And_Columns()
    {
        var page = await app.LogInAsync("rita");
        var (columns, rows) = await TableJsonAsync(page);

        var path = await DownloadAsync(page, "#export-fits", "fields.fits");

        using var fits = FitsFile.Open(path);
        Assert.Equal("BINTABLE", fits.Hdus[1].Header.GetString("XTENSION"));
        var table = fits.GetTable(1);
        Assert.Equal(rows, table.RowCount);
        Assert.Equal(columns, table.Columns.Select(c => c.Name));
        Assert.Equal(["A", "B", "C"], ((string[])table["field"].Data).Select(v => v.TrimEnd()));
    }

    [Theory]
    [InlineData("#export-votable", "TABLEDATA")]
    [InlineData("#export-votable-binary2", "BINARY2")]
    public async Task VoTable_Export_In_Either_Serialization_Is_Read_By_Astropy(string link, string serialization)
    {
        var page = await app.LogInAsync("rita");
        var (columns, rows) = await TableJsonAsync(page);

        var path = await DownloadAsync(page, link, "fields.vot");

        Assert.Contains($"<{serialization}", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        var read = AstropyVoTable.Read(path);
        Assert.Equal(rows, read.Rows);
        Assert.Equal(columns, read.Fields);
    }

    [Fact]
    public async Task Reader_Downloads_Every_Format_With_Its_Content_Type()
    {
        var page = await app.LogInAsync("rita");
        var expected = new Dictionary<string, string>
        {
            ["fits"] = "application/fits",
            ["votable"] = "application/x-votable+xml",
            ["votable?serialization=binary2"] = "application/x-votable+xml",
            ["csv"] = "text/csv",
            ["json"] = "application/json",
            ["fits?hidden=1"] = "application/fits",
        };
        foreach (var (format, type) in expected)
        {
            var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/t/fields/export/{format}");
            Assert.True(response.Status == 200, $"{format}: {response.Status} {await response.TextAsync()}");
            Assert.StartsWith(type, response.Headers["content-type"], StringComparison.Ordinal);
        }

        // With the system fields the CSV gains columns before the table's own; without, the header is the columns.
        var (columns, _) = await TableJsonAsync(page);
        var plain = (await (await page.APIRequest.GetAsync($"{app.BaseUrl}/t/fields/export/csv")).TextAsync()).Split("\r\n")[0];
        var hidden = (await (await page.APIRequest.GetAsync($"{app.BaseUrl}/t/fields/export/csv?hidden=1")).TextAsync()).Split("\r\n")[0];
        Assert.Equal(string.Join(',', columns), plain);
        Assert.EndsWith(plain, hidden, StringComparison.Ordinal);
        Assert.True(hidden.Length > plain.Length, hidden);

        // A user with no role on the table gets a 403 and no data.
        var outsider = await app.LogInAsync("carl");
        var refused = await outsider.APIRequest.GetAsync($"{app.BaseUrl}/t/sources/export/fits");
        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task Send_Table_To_Topcat_Delivers_The_Whole_Table_As_A_VoTable_To_The_Real_Receiver()
    {
        // test.sh starts astropy's hub and a recording receiver (eng/services/samp) and exports SAMP_HUB.
        var received = Path.Combine(Environment.GetEnvironmentVariable("STOA_SAMP_DIR") ?? "/tmp/stoa-samp", "received.jsonl");
        var before = File.Exists(received) ? File.ReadAllLines(received).Length : 0;
        var page = await app.LogInAsync("rita");
        var (_, rows) = await TableJsonAsync(page);

        await page.ClickAsync("#table-topcat");

        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("sent to", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("samp.ok");
        var record = File.ReadAllLines(received).Skip(before).Select(l => JsonDocument.Parse(l).RootElement)
            .Last(r => r.GetProperty("mtype").GetString() == "table.load.votable" && r.GetProperty("sender_name").GetString() == "stoa"
                && r.GetProperty("params").GetProperty("name").GetString() == "fields.vot");
        Assert.Equal(rows, AstropyVoTable.Read(record.GetProperty("saved_to").GetString()!).Rows);

        // The receiver answered samp.ok, so it had read the file: the server does not keep it.
        var sent = new Uri(record.GetProperty("params").GetProperty("url").GetString()!).LocalPath;
        Assert.False(File.Exists(sent), sent);
    }

    /// <summary>The 'fields' table's column names and row count, from its JSON export (the app's own view of it).</summary>
    private async Task<(string[] Columns, int Rows)> TableJsonAsync(IPage page)
    {
        var json = JsonDocument.Parse(await (await page.APIRequest.GetAsync($"{app.BaseUrl}/t/fields/export/json")).TextAsync()).RootElement;
        return ([.. json.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)], json.GetProperty("rows").GetArrayLength());
    }

    private async Task<string> DownloadAsync(IPage page, string link, string expectedName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(link));
        Assert.Equal(expectedName, download.SuggestedFilename);
        var path = Path.Combine(app.Directory, $"{Guid.NewGuid():N}-{expectedName}");
        await download.SaveAsAsync(path);
        return path;
    }
}

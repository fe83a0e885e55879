using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 1: a web request never names a server path. An Owner's row edit that types a path into a File
/// cell (or into an array of Files, or a File object into an Any cell) is a 400 naming the field, the same answer
/// whether the path exists or not; a File cell is set by an upload, stored content-addressed in the project under
/// the bare upload name, within the server's size limit, or by choosing a file the table already holds there.
/// Real <c>stoa serve</c>, real HTTP (multipart), real files.
/// </summary>
public sealed class WebFileCellTests : IAsyncLifetime
{
    private SecureProject _project = null!;

    // Each test has its own project and server (xUnit makes one instance per test).
    public async Task InitializeAsync() => _project = await SecureProject.Create().ServeAsync();

    public async Task DisposeAsync() => await _project.DisposeAsync();

    [Fact]
    public async Task Typed_Server_Paths_Are_400_Naming_The_Field_Without_An_Existence_Oracle()
    {
        using var olga = await _project.LogInAsync("olga");
        var answers = new List<string>();
        foreach (var path in new[] { "/etc/passwd", "../../etc/passwd", "file:///etc/passwd", "/no/such/file.fits", _project.SeedFile })
        {
            using var response = await olga.PostAsync("/t/maps/rows/1/edit", [KeyValuePair.Create("map", path)], "/t/maps");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        // One answer for an existing file, a missing one and a traversal: nothing to learn about the file system.
        Assert.Single(answers.Distinct());
        Assert.StartsWith("column 'map': a web request cannot name a server path", answers[0], StringComparison.Ordinal);

        using var nested = await olga.PostAsync("/t/maps/rows/1/edit", [KeyValuePair.Create("extras", """["/etc/passwd"]""")], "/t/maps");
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.StartsWith("column 'extras':", await nested.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var any = await olga.PostAsync("/t/maps/rows/1/edit", [KeyValuePair.Create("meta", """{"x": [{"class": "File", "location": "/etc/shadow"}]}""")], "/t/maps");
        Assert.Equal(HttpStatusCode.BadRequest, any.StatusCode);
        Assert.StartsWith("column 'meta':", await any.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing of /etc reached the table: a Reader's export shows the seed file still.
        using var rita = await _project.LogInAsync("rita");
        var export = await rita.GetTextAsync("/t/maps/export/json");
        Assert.DoesNotContain("/etc/", export, StringComparison.Ordinal);
        Assert.Equal(_project.SeedFile, Cell(export, 0, "map").GetProperty("location").GetString());
    }

    [Fact]
    public async Task Upload_Is_Stored_Content_Addressed_In_The_Project_Under_Its_Bare_Name()
    {
        using var olga = await _project.LogInAsync("olga");
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        using var response = await olga.PostMultipartAsync("/t/maps/rows/1/edit", [KeyValuePair.Create("n", "7")], [("map", "../../../../tmp/evil.fits", bytes)], "/t/maps");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var export = await olga.GetTextAsync("/t/maps/export/json");
        var map = Cell(export, 0, "map");
        var location = map.GetProperty("location").GetString()!;
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(bytes));
        Assert.Equal("evil.fits", map.GetProperty("basename").GetString());
        Assert.Equal("sha1$" + sha1, map.GetProperty("checksum").GetString());
        Assert.Equal(Path.Combine(_project.Path + "-outputs", sha1[..2], sha1 + ".file", "evil.fits"), location);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(location));
        Assert.Equal(7, Cell(export, 0, "n").GetInt32());
        Assert.False(File.Exists("/tmp/evil.fits"), "the upload's name chose where it landed");

        // A Windows-style name keeps its last segment too; a name with nothing usable is refused.
        using var windows = await olga.PostMultipartAsync("/t/maps/rows/2/edit", [], [("map", @"..\..\C:\maps\b.fits", [1, 2, 3])], "/t/maps");
        Assert.Equal(HttpStatusCode.OK, windows.StatusCode);
        Assert.Equal("b.fits", Cell(await olga.GetTextAsync("/t/maps/export/json"), 1, "map").GetProperty("basename").GetString());
        using var dots = await olga.PostMultipartAsync("/t/maps/rows/2/edit", [], [("map", "../..", [1])], "/t/maps");
        Assert.Equal(HttpStatusCode.BadRequest, dots.StatusCode);
    }

    [Fact]
    public async Task Upload_Over_The_Limit_Is_413_And_Stores_Nothing()
    {
        // A second server on the same project, with a 1 MiB limit (the first one is stopped: one process at a time).
        await _project.DisposeAsync();
        await _project.ServeAsync("--upload-limit", "1");
        using var olga = await _project.LogInAsync("olga");
        var before = StoredFiles();
        using (var within = await olga.PostMultipartAsync("/t/maps/rows/1/edit", [], [("map", "small.fits", new byte[1 << 19])], "/t/maps"))
        {
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        }

        var afterSmall = StoredFiles();
        // Just over (the file's own check) and far over (the request is cut before it is read).
        foreach (var size in new[] { (1 << 20) + 1, 3 << 20 })
        {
            try
            {
                using var response = await olga.PostMultipartAsync("/t/maps/rows/2/edit", [], [("map", "big.fits", new byte[size])], "/t/maps");
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
                Assert.Contains("limit of 1048576 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            catch (HttpRequestException) when (size > 2 << 20)
            {
                // Far over the limit the server answers 413 and closes the connection while the client is still
                // sending; the client may then see the broken pipe instead of the answer. Refused either way:
                // the check below that nothing was stored is what matters.
            }
        }

        Assert.Equal(afterSmall, StoredFiles());
        Assert.NotEqual(before, afterSmall);
    }

    [Fact]
    public async Task Owner_Chooses_A_File_The_Table_Holds_By_Checksum_And_Readers_Cannot_Upload()
    {
        using var olga = await _project.LogInAsync("olga");
        var bytes = RandomNumberGenerator.GetBytes(1000);
        using (var upload = await olga.PostMultipartAsync("/t/maps/rows/1/edit", [], [("map", "shared.fits", bytes)], "/t/maps"))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        var checksum = "sha1$" + Convert.ToHexStringLower(SHA1.HashData(bytes));
        var page = await olga.GetTextAsync("/t/maps");
        Assert.Contains("""<input type="file" class="upload" form="edit-2" name="map">""", page, StringComparison.Ordinal);
        Assert.Contains($"""<option value="{checksum}">shared.fits""", page, StringComparison.Ordinal);
        Assert.DoesNotContain("""<input class="cell" form="edit-2" name="map">""", page, StringComparison.Ordinal);
        Assert.DoesNotContain(_project.Path + "-outputs", page, StringComparison.Ordinal);

        // Row 2 still holds the seed file, but outside the project's store: not a choice.
        var seedChecksum = "sha1$" + Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(_project.SeedFile)));
        using (var outside = await olga.PostAsync("/t/maps/rows/1/edit", [KeyValuePair.Create("map", seedChecksum)], "/t/maps"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        }

        using (var choose = await olga.PostAsync("/t/maps/rows/2/edit", [KeyValuePair.Create("map", checksum)], "/t/maps"))
        {
            Assert.True(choose.StatusCode == HttpStatusCode.OK, await choose.Content.ReadAsStringAsync());
        }

        var export = await olga.GetTextAsync("/t/maps/export/json");
        Assert.Equal(Cell(export, 0, "map").GetProperty("location").GetString(), Cell(export, 1, "map").GetProperty("location").GetString());

        using var rita = await _project.LogInAsync("rita");
        var before = StoredFiles();
        using var refused = await rita.PostMultipartAsync("/t/maps/rows/1/edit", [], [("map", "x.fits", [9, 9, 9])], "/t/maps");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task Owner_Uploads_Through_The_Page_In_A_Real_Browser_Under_The_Csp()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(m.Text);
            }
        };
        await page.GotoAsync(_project.Server.BaseUrl + "/login");
        await page.FillAsync("#user", "olga");
        await page.FillAsync("#password", SecureProject.PasswordOf("olga"));
        await page.ClickAsync("#login");
        // As WebAppFixture.LogInAsync: the table list's link, not WaitForURL (which has missed the page's load).
        await page.Locator("a[href='/t/maps']").WaitForAsync(new() { Timeout = 60_000 });
        await page.GotoAsync(_project.Server.BaseUrl + "/t/maps");
        Assert.Equal(0, await page.Locator("#row-1 input.cell[name=map]").CountAsync());

        var file = Path.Combine(_project.Directory, "picked-in-browser.fits");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(4096));
        await page.SetInputFilesAsync("#row-1 input.upload[name=map]", file);
        await page.ClickAsync("#row-1 button.save");
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("row 1 saved");
        await Assertions.Expect(page.Locator("#row-1 .current")).ToHaveTextAsync("picked-in-browser.fits");

        using var rita = await _project.LogInAsync("rita");
        var map = Cell(await rita.GetTextAsync("/t/maps/export/json"), 0, "map");
        Assert.StartsWith(_project.Path + "-outputs" + Path.DirectorySeparatorChar, map.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(map.GetProperty("location").GetString()!));
        Assert.Empty(refused);
    }

    private static JsonElement Cell(string export, int row, string column) =>
        JsonDocument.Parse(export).RootElement.GetProperty("rows")[row].GetProperty("inputs").GetProperty(column).Clone();

    private string[] StoredFiles() => Directory.Exists(_project.Path + "-outputs")
        ? [.. Directory.EnumerateFiles(_project.Path + "-outputs", "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
        : [];
}

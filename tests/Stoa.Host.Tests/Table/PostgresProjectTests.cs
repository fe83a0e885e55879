using System.Text.Json.Nodes;
using Stoa.Host.Tests.Security;
using Stoa.Tests.Shared;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// Issue 17: the real <c>stoa</c> on a project in PostgreSQL (<c>-p postgresql://…</c>, the database of
/// <see cref="TestPostgres"/>): the commands work as on a file, and <c>stoa serve</c> shows live a row another CLI
/// process adds.
/// </summary>
public sealed class PostgresProjectTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-pg-");
    private readonly string _database = TestPostgres.SkipReason is null ? TestPostgres.CreateDatabase() : "";

    public void Dispose()
    {
        if (_database.Length > 0)
        {
            TestPostgres.DropDatabase(_database);
        }

        _scratch.Dispose();
    }

    private (int ExitCode, string Stdout, string Stderr) Stoa(string? stdin, params string[] args) => StoaProcess.Run(_scratch.Dir, stdin, [.. args, "-p", _database]);

    private string Ok(params string[] args)
    {
        var (rc, stdout, stderr) = Stoa(null, args);
        Assert.True(rc == 0, $"stoa {string.Join(' ', args)} → {rc}\n{stdout}\n{stderr}");
        return stdout;
    }

    [PostgresFact]
    public void Init_new_add_recompute_and_show_work_on_a_database()
    {
        Assert.Contains("created project postgresql://", Ok("init"), StringComparison.Ordinal);
        Assert.Contains("already a project", Ok("init"), StringComparison.Ordinal);
        Ok("table", "new", "sq", "square.cwl", "--key", "name");
        Ok("table", "add", "sq", "name=a", "x=3");
        Ok("table", "add", "sq", "name=b", "x=13");
        var (rc, _, _) = Stoa(null, "table", "recompute", "sq");
        Assert.Equal(1, rc); // x = 13 fails, by the tool's design

        var table = JsonNode.Parse(Ok("table", "show", "sq", "--json"))!;
        var rows = table["rows"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["inputs"]!["name"]!);
        Assert.Equal(("Succeeded", 9L), ((string)rows["a"]["status"]!, (long)rows["a"]["outputs"]!["sq"]!));
        Assert.Equal("Failed", (string)rows["b"]["status"]!);

        // The project's folders: in the directory recorded at creation (./<database>.stoa-files of the working directory).
        var files = Path.Combine(_scratch.Dir, new Uri(_database).AbsolutePath.Trim('/') + ".stoa-files");
        Assert.True(Directory.Exists(Path.Combine(files, "outputs")), files);
        Assert.False(Directory.EnumerateFileSystemEntries(_scratch.Dir, "postgres*").Any());

        // The same project through STOA_PROJECT from another directory: the recorded folders, not new ones there.
        var elsewhere = Directory.CreateDirectory(Path.Combine(_scratch.Dir, "elsewhere")).FullName;
        Assert.Equal(0, StoaProcess.Run(elsewhere, null, "table", "show", "sq", "-p", _database).ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));

        // An unreachable server: exit 3, one line, no password.
        var down = new UriBuilder(_database) { Port = 1, Password = "s3cret" }.Uri.ToString();
        var (code, _, error) = StoaProcess.Run(_scratch.Dir, null, "table", "show", "sq", "-p", down);
        Assert.Equal(3, code);
        Assert.Contains("store cannot be reached", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Serve_shows_a_row_another_process_adds()
    {
        Ok("init");
        Ok("table", "new", "sq", "square.cwl", "--key", "name");
        Assert.Equal(0, Stoa("olga-password-1", "user", "add", "olga").ExitCode);
        Ok("table", "share", "sq", "olga", "Owner");
        await using var server = await StoaServer.StartAsync(_scratch.Dir, _database, Path.Combine(_scratch.Dir, "serve.log"));
        using var session = new WebSession(server.BaseUrl, "127.0.0.1");
        using (var login = await session.LogInAsync("olga", "olga-password-1"))
        {
            Assert.True((int)login.StatusCode is 302 or 303, $"login: {(int)login.StatusCode}");
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var events = await session.GetStreamAsync("/t/sq/events");
        using var reader = new StreamReader(events);
        Assert.Equal(": connected", await reader.ReadLineAsync(cts.Token));

        // Another process adds a row: the server's change feed (LISTEN/NOTIFY) reports it, and its page shows it.
        var added = Ok("table", "add", "sq", "name=zeta", "x=7");
        var id = long.Parse(added.Split("added row ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        string? line;
        do
        {
            line = await reader.ReadLineAsync(cts.Token);
        }
        while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));

        Assert.NotNull(line);
        Assert.Equal(id, (long)JsonNode.Parse(line["data: ".Length..])!["row"]!);
        Assert.Contains("zeta", await session.GetTextAsync($"/t/sq/rows/{id}/fragment"), StringComparison.Ordinal);
    }
}

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using Stoa.Tests.Shared;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// Issue 17: <c>stoa serve</c> and CLI processes on one project at once. Two <c>stoa table recompute</c> processes
/// share a table of slow rows while another CLI process edits it and the server runs; one recompute is killed with
/// SIGKILL mid-run. Then: no row lost, none run twice for one identity, none Succeeded without outputs, and after the
/// killed recompute's lease runs out, a further recompute makes every row Succeeded. The same on a SQLite file and on
/// a PostgreSQL database (<see cref="TestPostgres"/>).
/// </summary>
public sealed class SharedProjectTests : IDisposable
{
    /// <summary>The square tool of <see cref="ScratchProject"/>, sleeping 1 s first (so the kill lands mid-run).</summary>
    private static readonly string SlowSquare = ScratchProject.SquareTool.Replace("['expr", "['sleep 1; expr", StringComparison.Ordinal);

    private const int Rows = 24;

    private readonly ScratchProject _scratch = new("stoa-shared-");
    private string? _database;

    /// <summary>Where the project is: <c>p.stoa</c> in the scratch directory, or the PostgreSQL database of the test.</summary>
    private string _project = "p.stoa";

    public void Dispose()
    {
        if (_database is not null)
        {
            TestPostgres.DropDatabase(_database);
        }

        _scratch.Dispose();
    }

    [Fact]
    public Task Serve_two_recomputes_an_editor_and_kill_9_of_one_recompute_Meet_Specification() =>
        RunAsync(() => new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_scratch.Dir, "p.stoa")};Mode=ReadOnly;Pooling=False"));

    [PostgresFact]
    public Task Serve_two_recomputes_an_editor_and_kill_9_of_one_recompute_on_PostgreSQL_Meet_Specification()
    {
        _database = TestPostgres.CreateDatabase();
        _project = _database;
        return RunAsync(() => new NpgsqlConnection(TestPostgres.ConnectionString(_database)));
    }

    /// <summary>The scenario on the project <see cref="_project"/>; <paramref name="connect"/> reads its store directly.</summary>
    private async Task RunAsync(Func<DbConnection> connect)
    {
        var dir = _scratch.Dir;
        File.WriteAllText(Path.Combine(dir, "slow.cwl"), SlowSquare);
        File.WriteAllLines(Path.Combine(dir, "rows.csv"), ["name,x", .. Enumerable.Range(1, Rows).Select(i => $"r{i},{20 + i}")]);
        Ok("init");
        Ok("table", "new", "sq", "slow.cwl", "--key", "name");
        Ok("table", "import", "sq", "rows.csv");
        await using var server = await StoaServer.StartAsync(dir, _project, Path.Combine(dir, "serve.log"));

        var edited = new[] { "r1", "r2", "r3" }.Select(RowId).ToList();

        // While the server runs: two recomputes (short leases), one killed once it has rows running (a row's job
        // run is open in the project, under its batch's lease holder host:pid), then an editor changing rows under the other.
        using var victim = Start(dir, "table", "recompute", "sq", "--parallel", "2", "--lease", "2", "--json", "--project", _project);
        using var survivor = Start(dir, "table", "recompute", "sq", "--parallel", "2", "--lease", "2", "--json", "--project", _project);
        var survivorOut = survivor.StandardOutput.ReadToEndAsync();
        var survivorErr = survivor.StandardError.ReadToEndAsync();
        var victimOut = victim.StandardOutput.ReadToEndAsync();
        var victimErr = victim.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        var holder = $"{Environment.MachineName}:{victim.Id}";
        while (OpenRunsOf(connect, holder) == 0)
        {
            if (victim.HasExited)
            {
                Assert.Fail($"the recompute to kill ended ({victim.ExitCode}) before a row started: {await victimOut} {await victimErr}");
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), "no row started within 3 minutes");
            await Task.Delay(20);
        }

        victim.Kill(entireProcessTree: true);
        await victim.WaitForExitAsync();
        for (var i = 0; i < edited.Count; i++)
        {
            var edit = Stoa("table", "set", "sq", edited[i].ToString(CultureInfo.InvariantCulture), $"x={101 + i}");
            Assert.True(edit.ExitCode == 0, edit.Stderr);
        }

        await survivor.WaitForExitAsync();
        Assert.True(survivor.ExitCode == 0, await survivorErr);
        Assert.NotNull(JsonNode.Parse(await survivorOut));

        // The killed recompute's rows come back once its lease (2 s) has run out; a further recompute runs them.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Ok("table", "recompute", "sq", "--json");

        var table = Show();
        var rows = table["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(Rows, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("Succeeded", (string)row["status"]!);
            var x = (long)row["inputs"]!["x"]!;
            Assert.Equal(x * x, (long)row["outputs"]!["sq"]!);
        }

        Assert.Equal([101L, 102L, 103L], rows.Where(r => ((string)r["inputs"]!["name"]!) is "r1" or "r2" or "r3").Select(r => (long)r["inputs"]!["x"]!).Order());

        // The run history, read from the project file itself: no run left open, one success per row identity, and
        // the killed recompute's runs recorded as interrupted.
        using (var db = connect())
        {
            db.Open();
            Assert.Equal(0L, Scalar(db, "SELECT count(*) FROM runs WHERE state = 0"));
            Assert.Equal(0L, Scalar(db, "SELECT count(*) FROM (SELECT 1 FROM runs WHERE state = 1 GROUP BY row_id, input_hash, workflow_hash HAVING count(*) > 1) AS twice"));
            Assert.True(Scalar(db, "SELECT count(*) FROM runs WHERE state = 5") > 0, "the kill landed while no row ran");
            Assert.Equal(0L, Scalar(db, "SELECT count(*) FROM rows r WHERE r.attempts <> (SELECT count(*) FROM runs WHERE row_id = r.id)"));
        }

        // The server served throughout.
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(server.BaseUrl + "/login")).IsSuccessStatusCode);
    }

    private static long Scalar(DbConnection db, string sql, string? holder = null)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        var h = cmd.CreateParameter();
        h.ParameterName = "h";
        h.Value = holder ?? "";
        cmd.Parameters.Add(h);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs open in the project under a batch held by <paramref name="holder"/> (read without taking part).</summary>
    private static long OpenRunsOf(Func<DbConnection> connect, string holder)
    {
        using var db = connect();
        db.Open();
        return Scalar(db, "SELECT count(*) FROM runs r JOIN batches b ON b.id = r.batch_id WHERE r.state = 0 AND b.holder = @h", holder);
    }

    private (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => StoaProcess.Run(_scratch.Dir, null, [.. args, "--project", _project]);

    private void Ok(params string[] args)
    {
        var (rc, stdout, stderr) = Stoa(args);
        Assert.True(rc == 0, $"stoa {string.Join(' ', args)} → {rc}\n{stdout}\n{stderr}");
    }

    private JsonObject Show()
    {
        var (rc, stdout, stderr) = Stoa("table", "show", "sq", "--json");
        Assert.True(rc == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private long RowId(string name) =>
        (long)Show()["rows"]!.AsArray().Single(r => (string)r!["inputs"]!["name"]! == name)!["row_id"]!;

    private static Process Start(string dir, params string[] args) => Process.Start(StoaProcess.StartInfo(dir, args))!;
}

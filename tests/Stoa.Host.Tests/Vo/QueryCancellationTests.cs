using System.Net;
using System.Text.RegularExpressions;
using Stoa.Host.Tests.Web;

namespace Stoa.Host.Tests.Vo;

/// <summary>
/// Queries that would run for hours (a four-way cross join, 325⁴ pairs) really stop: an async job aborted while
/// EXECUTING (PHASE=ABORT, or DELETE) gives back its run slot — the service runs two jobs at a time, so a third job
/// completes only if both aborted queries stopped — and a sync query stops at <c>serve --tap-timeout</c> with an
/// error VOTable (the answer is written only after the query has returned).
/// </summary>
[Collection(VoServeCollection.Name)]
public sealed partial class QueryCancellationTests(VoServeFixture vo)
{
    private const string Endless = "SELECT COUNT(*) FROM stars AS a, stars AS b, stars AS c, stars AS d";

    private static HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(5) };

    private async Task<string> CreateJob(HttpClient http, string query)
    {
        var response = await http.PostAsync(vo.BaseUrl + "/tap/async", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LANG"] = "ADQL",
            ["QUERY"] = query,
            ["PHASE"] = "RUN",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private static async Task<string> Phase(HttpClient http, string job) => (await http.GetStringAsync(job + "/phase")).Trim();

    /// <summary>Waits (UWS WAIT, a minute at most per call) until the job leaves <paramref name="phases"/>.</summary>
    private static async Task<string> PhaseAfter(HttpClient http, string job, params string[] phases)
    {
        for (var i = 0; i < 10; i++)
        {
            var document = await http.GetStringAsync(job + "?WAIT=30");
            var phase = PhaseElement().Match(document).Groups[1].Value;
            if (!phases.Contains(phase))
            {
                return phase;
            }
        }

        return await Phase(http, job);
    }

    [Fact]
    public async Task Aborted_Executing_Jobs_Stop_And_Free_Their_Slots()
    {
        using var http = Client();
        var first = await CreateJob(http, Endless);
        var second = await CreateJob(http, Endless);
        Assert.Equal("EXECUTING", await PhaseAfter(http, first, "PENDING", "QUEUED"));
        Assert.Equal("EXECUTING", await PhaseAfter(http, second, "PENDING", "QUEUED"));

        var abort = await http.PostAsync(first + "/phase", new FormUrlEncodedContent(new Dictionary<string, string> { ["PHASE"] = "ABORT" }));
        Assert.Equal(HttpStatusCode.SeeOther, abort.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await http.DeleteAsync(second)).StatusCode);

        // Both slots were taken by the endless queries: this job can run only once they have stopped.
        var quick = await CreateJob(http, "SELECT TOP 3 name FROM stars ORDER BY name");
        Assert.Equal("COMPLETED", await PhaseAfter(http, quick, "PENDING", "QUEUED", "EXECUTING"));
        Assert.Equal("ABORTED", await Phase(http, first));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(second)).StatusCode);
        var result = await http.GetStringAsync(quick + "/results/result");
        Assert.Contains("<TD>c00</TD>", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Sync_Query_Stops_At_The_Time_Limit_With_An_Error_VoTable()
    {
        // A project is served by one process at a time: this server gets its own, with a published 'stars' of 325 rows.
        var directory = System.IO.Directory.CreateTempSubdirectory("stoa-vo-timeout-").FullName;
        var project = Path.Combine(directory, "project.stoa");
        Assert.Equal(0, StoaProcess.Run(directory, null, "init", "-p", project).ExitCode);
        Assert.Equal(0, StoaProcess.Run(directory, "olga-password-1", "user", "add", "olga", "-p", project).ExitCode);
        using (var p = Stoa.Worktables.WorktableProject.Open(project))
        {
            var stars = p.CreateTableAs("olga", "stars", Stoa.Worktables.Workflow.WorkflowDefinition.FromColumns("stars",
                [Stoa.Worktables.Model.ColumnDefinition.Input("n", Stoa.Worktables.Model.ColumnType.Long)], [], "stars"));
            stars.AddRows([.. Enumerable.Range(0, 325).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["n"] = (long)i })]);
            stars.Publish();
        }

        var url = $"http://127.0.0.1:{StoaProcess.FreePort()}";
        using var server = await StoaProcess.ServeAsync(directory, url, "/tap/availability", "--project", directory, "--tap-timeout", "2");
        try
        {
            using var http = Client();
            var response = await http.GetAsync(url + "/tap/sync?LANG=ADQL&QUERY=" + Uri.EscapeDataString(Endless));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var file = Path.Combine(directory, "timeout.xml");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var read = AstropyVoTable.Read(file);
            Assert.Equal("ERROR", Assert.Single(read.Infos, i => i.Name == "QUERY_STATUS").Value);
            Assert.Contains("stopped at its time limit of 2 s", Assert.Single(read.Infos, i => i.Name == "Error").Value, StringComparison.Ordinal);

            // A query within the limit is answered as before.
            var quick = await http.GetAsync(url + "/tap/sync?LANG=ADQL&QUERY=" + Uri.EscapeDataString("SELECT COUNT(*) FROM stars"));
            Assert.Equal(HttpStatusCode.OK, quick.StatusCode);
            Assert.Contains("<TD>325</TD>", await quick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [GeneratedRegex("<uws:phase>([A-Z]+)</uws:phase>")]
    private static partial Regex PhaseElement();
}

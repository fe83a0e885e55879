using System.Diagnostics;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Host.Tests.Vo;

/// <summary>The VO test classes share one served project.</summary>
[CollectionDefinition(Name)]
public sealed class VoServeCollection : ICollectionFixture<VoServeFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "vo serve";
}

/// <summary>
/// A project with 'stars' (a seeded sky of 300 rows plus a cluster at RA 10, Dec 20) and 'ids' published with
/// <c>stoa table publish</c>, 'secret' not published, all owned by olga; their VOTable exports (for astropy) beside
/// it; served by a real <c>stoa serve</c> child process.
/// </summary>
public sealed class VoServeFixture : IAsyncLifetime
{
    private Process? _server;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("stoa-vo-").FullName;

    public string BaseUrl { get; private set; } = string.Empty;

    public string StarsExport => Path.Combine(Directory, "stars.vot");

    public string IdsExport => Path.Combine(Directory, "ids.vot");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(Directory, "project.stoa");
        Assert.Equal(0, StoaProcess.Run(Directory, null, "init", "-p", project).ExitCode);
        Assert.Equal(0, StoaProcess.Run(Directory, "olga-password-1", "user", "add", "olga", "-p", project).ExitCode);
        MakeTables(project);
        foreach (var table in new[] { "stars", "ids" })
        {
            var publish = StoaProcess.Run(Directory, null, "table", "publish", table, "--user", "olga", "-p", project);
            Assert.True(publish.ExitCode == 0, publish.Stderr);
        }

        BaseUrl = $"http://127.0.0.1:{StoaProcess.FreePort()}";
        _server = await StoaProcess.ServeAsync(Directory, BaseUrl, "/tap/availability", "--project", Directory);
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }

    private void MakeTables(string path)
    {
        using var project = WorktableProject.Open(path);
        var stars = project.CreateTableAs("olga", "stars", WorkflowDefinition.FromColumns("stars",
            [
                ColumnDefinition.Input("name", ColumnType.String),
                ColumnDefinition.Input("ra", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
                ColumnDefinition.Input("dec", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
                ColumnDefinition.Input("mag", ColumnType.Double) with { Unit = "mag", Ucd = "phot.mag;em.opt.V", Description = "V magnitude" },
            ], [], "stars"));
        var random = new Random(1903);
        var rows = Enumerable.Range(0, 300).Select(i => (Name: $"s{i:D3}", Ra: random.NextDouble() * 360, Dec: Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI, Mag: Math.Round(9 + (random.NextDouble() * 9), 3)))
            .Concat(Enumerable.Range(0, 25).Select(i => (Name: $"c{i:D2}", Ra: 10 + (((i % 5) - 2) * 0.015), Dec: 20 + (((i / 5) - 2) * 0.015), Mag: 12 + (i * 0.1))))
            .ToList();
        stars.AddRows(rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["name"] = r.Name, ["ra"] = r.Ra, ["dec"] = r.Dec, ["mag"] = r.Mag }));
        var ids = project.CreateTableAs("olga", "ids", WorkflowDefinition.FromColumns("ids",
            [ColumnDefinition.Input("star", ColumnType.String), ColumnDefinition.Input("label", ColumnType.String)], [], "ids"));
        ids.AddRows(rows.Where((_, i) => i % 11 == 0).Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["star"] = r.Name, ["label"] = "HD " + r.Name }));
        var secret = project.CreateTableAs("olga", "secret", WorkflowDefinition.FromColumns("secret",
            [ColumnDefinition.Input("name", ColumnType.String), ColumnDefinition.Input("ra", ColumnType.Double) with { Ucd = "pos.eq.ra" }, ColumnDefinition.Input("dec", ColumnType.Double) with { Ucd = "pos.eq.dec" }], [], "secret"));
        secret.AddRow(new Dictionary<string, object?> { ["name"] = "hidden", ["ra"] = 10.0, ["dec"] = 20.0 });
        using (var f = File.Create(StarsExport))
        {
            stars.ExportVoTable(f);
        }

        using (var f = File.Create(IdsExport))
        {
            ids.ExportVoTable(f);
        }
    }
}

using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Stoa.Benchmarks.Worktables;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Vo;
using Stoa.Worktables.Vo.Tap;
using Stoa.Worktables.Workflow;

namespace Stoa.Benchmarks.Vo;

/// <summary>
/// ADQL over a published 1 000 000-row table (name, ra, dec; seeded uniform sky): a 0.1° cone
/// (<c>CONTAINS(POINT, CIRCLE) = 1</c>) against the Baseline, a plain loop over the same rows computing every
/// great-circle distance (what any scan costs: the rows are JSON documents in SQLite), and the same cone with the
/// sky index defeated (what it cost before the index); cone searches through the index; and a TAP query returning
/// 100 000 rows as BINARY2 (rows/s = 100 000 / mean). Cold-ish runs: each iteration reads the table from SQLite.
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*VoQuery*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class VoQueryBenchmarks
{
    private const int Million = 1_000_000;
    private string _path = "";
    private WorktableProject _project = null!;
    private Worktable _table = null!;
    private VoService _vo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = WorktableFixture.NewPath();
        _project = WorktableProject.Open(_path);
        _project.AddUser("owner");
        var t = _project.CreateTableAs("owner", "sky", WorkflowDefinition.FromColumns("sky",
            [
                ColumnDefinition.Input("name", ColumnType.String),
                ColumnDefinition.Input("ra", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
                ColumnDefinition.Input("dec", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
            ], [], "sky"));
        var random = new Random(42);
        t.AddRows(Enumerable.Range(0, Million).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["name"] = "s" + i.ToString(CultureInfo.InvariantCulture),
            ["ra"] = random.NextDouble() * 360,
            ["dec"] = Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI,
        }));
        t.Publish();
        _table = _project.OpenTable("sky");
        _vo = new VoService(_project);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _project.Dispose();
        WorktableFixture.Delete(_path);
    }

    [Benchmark(Baseline = true, Description = "scan: distance of every row (reference)")]
    public int Scan_every_row()
    {
        var n = 0;
        foreach (var row in _table.Rows())
        {
            var ra = row.Inputs["ra"]!.GetValue<double>();
            var dec = row.Inputs["dec"]!.GetValue<double>();
            var (s1, c1) = Math.SinCos(20 * Math.PI / 180);
            var (s2, c2) = Math.SinCos(dec * Math.PI / 180);
            var cos = (s1 * s2) + (c1 * c2 * Math.Cos((ra - 10) * Math.PI / 180));
            n += cos >= Math.Cos(0.1 * Math.PI / 180) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "ADQL 0.1° cone, 1M rows, sky index")]
    public long Cone_0_1_degree()
    {
        using var output = new MemoryStream();
        _vo.Query("SELECT name, ra, dec FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1)) = 1", output);
        return output.Length;
    }

    /// <summary>The same cone written so that the index cannot serve it (an OR): what every cone cost before the index.</summary>
    [Benchmark(Description = "ADQL 0.1° cone, 1M rows, no index (OR 1=0)")]
    public long Cone_0_1_degree_scanned()
    {
        using var output = new MemoryStream();
        _vo.Query("SELECT name, ra, dec FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1)) = 1 OR 1 = 0", output);
        return output.Length;
    }

    [Benchmark(Description = "SCS 0.1° cone, 1M rows, sky index")]
    public long Scs_0_1_degree()
    {
        using var output = new MemoryStream();
        _vo.ConeSearch("sky", output, 10, 20, 0.1);
        return output.Length;
    }

    [Benchmark(Description = "SCS 1° cone at the pole, 1M rows, sky index")]
    public long Scs_1_degree_pole()
    {
        using var output = new MemoryStream();
        _vo.ConeSearch("sky", output, 0, 89.5, 1);
        return output.Length;
    }

    [Benchmark(Description = "TAP 100 000 rows as BINARY2")]
    public long Binary2_100k_rows()
    {
        using var output = new MemoryStream();
        _vo.Query("SELECT TOP 100000 name, ra, dec FROM sky", output, new TapQueryOptions { Format = TapFormat.VoTableBinary2 });
        return output.Length;
    }
}

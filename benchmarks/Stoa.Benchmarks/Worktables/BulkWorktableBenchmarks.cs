using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Stoa.Worktables;
using Stoa.Worktables.Model;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// Bulk operations at scale, two cold runs (each is seconds long): inserting 1 000 000 rows
/// (validated, canonicalised, hashed, one transaction) from dictionaries and from a CSV text, updating 100 000
/// cells one edit at a time (each its own transaction, the reference) and in one <see cref="Worktable.SetCells"/>
/// batch, and planning a recompute of 100 000 dirty rows (claim + stream the queued ids). Rows/s are
/// 1 000 000 or 100 000 divided by the mean. Peak managed heap is sampled during the 1M insert and a full
/// streamed read of the table (printed as "peak heap" lines). <see cref="Store"/> is SQLite, and PostgreSQL too
/// when <c>STOA_BENCH_POSTGRES</c> names a server (<see cref="WorktableFixture"/>).
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*BulkWorktable*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
[MemoryDiagnoser]
public class BulkWorktableBenchmarks
{
    public const int Million = 1_000_000;
    public const int HundredThousand = 100_000;
    private string _path = "";
    private WorktableProject _project = null!;
    private Worktable _table = null!;
    private int _round;
    private string? _csv;

    /// <summary>The store measured: <see cref="WorktableFixture.Stores"/>.</summary>
    [ParamsSource(typeof(WorktableFixture), nameof(WorktableFixture.Stores))]
    public string Store { get; set; } = WorktableFixture.Sqlite;

    [IterationSetup(Target = nameof(Insert_1M_rows))]
    public void SetupInsert()
    {
        _path = WorktableFixture.NewLocation(Store);
        _project = WorktableFixture.Open(Store, _path);
        _table = _project.CreateTable(WorktableFixture.NewTableName(Store), WorktableFixture.Workflow);
    }

    [Benchmark(Description = "insert 1 000 000 rows")]
    public int Insert_1M_rows() => _table.AddRows(WorktableFixture.Rows(Million)).Count;

    [IterationSetup(Target = nameof(Import_1M_csv_rows))]
    public void SetupCsv()
    {
        SetupInsert();
        _csv ??= "x,label\n" + string.Concat(Enumerable.Range(0, Million).Select(i => $"{i},obs-{i}\n"));
    }

    [Benchmark(Description = "import 1 000 000 CSV rows")]
    public int Import_1M_csv_rows() => _table.ImportCsv(new StringReader(_csv!)).Count;

    [IterationCleanup(Targets = [nameof(Insert_1M_rows), nameof(Import_1M_csv_rows)])]
    public void CleanupInsert()
    {
        _project.Dispose();
        WorktableFixture.Delete(Store, _path);
    }

    [IterationSetup(Targets = [nameof(Update_100k_cells), nameof(SetCells_100k_cells)])]
    public void SetupComputedTable()
    {
        (_path, _project, _table) = WorktableFixture.ComputedTable(Store, Million);
        _round++;
    }

    [Benchmark(Description = "update 100 000 cells in one SetCells batch (1M-row table)")]
    public int SetCells_100k_cells() => _table.SetCells(Enumerable.Range(0, HundredThousand)
        .Select(i => new RowEdit(1 + (i * 10L), new Dictionary<string, object?> { ["x"] = -i - 1 }))).Count;

    [Benchmark(Description = "update 100 000 cells (1M-row table)")]
    public int Update_100k_cells()
    {
        for (var i = 0; i < HundredThousand; i++)
        {
            long row = 1 + (i * 10L);
            _table.Edit(row, "x", -i - 1);
        }

        return HundredThousand;
    }

    [Benchmark(Description = "plan recompute of 100 000 dirty rows (1M-row table)")]
    public long Plan_100k_dirty_rows()
    {
        var store = _project.Store;
        var batch = store.NewBatchId("benchmark", DateTime.UtcNow.AddHours(1));
        var planned = store.CountNeedingRun(_table.TableId, retryFailed: true);
        var after = 0L;
        long claimed = 0;
        while (true)
        {
            // Claimed in pages, as a recompute does (rows leave the needs-run index as they are claimed).
            var page = store.ClaimRows(_table.TableId, batch, retryFailed: true, after, 512, DateTime.UtcNow);
            if (page.Count == 0)
            {
                break;
            }

            claimed += page.Count;
            after = page[^1];
        }

        return planned + claimed;
    }

    [IterationSetup(Target = nameof(Plan_100k_dirty_rows))]
    public void SetupDirty()
    {
        SetupComputedTable();
        for (var i = 0; i < HundredThousand; i++)
        {
            _table.Edit(1 + (i * 10L), "x", -i - 1);
        }
    }

    [IterationCleanup(Targets = [nameof(Update_100k_cells), nameof(SetCells_100k_cells), nameof(Plan_100k_dirty_rows)])]
    public void CleanupComputedTable()
    {
        _project.Dispose();
        WorktableFixture.Delete(Store, _path);
    }

    /// <summary>Untimed: the peak managed heap while inserting and then streaming every row of a 1M-row table.</summary>
    [GlobalSetup(Target = nameof(Insert_1M_rows))]
    public void MeasurePeakHeap()
    {
        var path = WorktableFixture.NewLocation(Store);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        });
        var sw = Stopwatch.StartNew();
        long count = 0;
        using (var p = WorktableFixture.Open(Store, path))
        {
            var t = p.CreateTable(WorktableFixture.NewTableName(Store), WorktableFixture.Workflow);
            t.AddRows(WorktableFixture.Rows(Million));
            var insertPeak = peak;
            foreach (var _ in t.Rows())
            {
                count++;
            }

            stop.Cancel();
            sampler.Wait();
            var file = Store == WorktableFixture.Sqlite ? $"file {new FileInfo(path).Length / 1048576.0:F0} MiB; " : "";
            Console.WriteLine($"// peak heap ({Store}): insert 1M rows {insertPeak / 1048576.0:F1} MiB; insert + stream {count} rows {peak / 1048576.0:F1} MiB; {file}{sw.Elapsed.TotalSeconds:F1} s");
        }

        WorktableFixture.Delete(Store, path);
    }
}

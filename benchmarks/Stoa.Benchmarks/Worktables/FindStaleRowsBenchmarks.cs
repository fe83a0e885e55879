using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Stoa.Worktables;
using Stoa.Worktables.Model;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// One edit in a 1 000 000-row table whose rows are all computed, then finding the rows to recompute.
/// Baseline: what STOA did and what any store without a needs-run index must do — compare every row's input hash
/// with the hash its outputs were made from (a full scan). Stoa reads the partial index of rows needing a run,
/// so the cost is O(rows changed). Each operation edits a row to a new value (1 stale row) or back (0 stale rows).
/// <see cref="Store"/> is SQLite, and PostgreSQL too when <c>STOA_BENCH_POSTGRES</c> names a server; there the
/// reference scan reads every row through the library, the only full scan a store without SQL access offers.
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*FindStaleRows*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class FindStaleRowsBenchmarks
{
    public const int RowCount = 1_000_000;
    private string _path = "";
    private WorktableProject _project = null!;
    private Worktable _table = null!;
    private SqliteConnection? _scan;
    private long _row;
    private int _flip;

    /// <summary>The store measured: <see cref="WorktableFixture.Stores"/>.</summary>
    [ParamsSource(typeof(WorktableFixture), nameof(WorktableFixture.Stores))]
    public string Store { get; set; } = WorktableFixture.Sqlite;

    [GlobalSetup]
    public void Setup()
    {
        (_path, _project, _table) = WorktableFixture.ComputedTable(Store, RowCount);
        _row = _table.Rows().Skip(RowCount / 2).First().RowId;
        if (Store == WorktableFixture.Sqlite)
        {
            _scan = new SqliteConnection($"Data Source={_path}");
            _scan.Open();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scan?.Dispose();
        _project.Dispose();
        WorktableFixture.Delete(Store, _path);
    }

    [Benchmark(Baseline = true, Description = "edit 1 cell + full scan of 1M rows (reference)")]
    public int EditThenFullScan()
    {
        Edit();
        if (_scan is null)
        {
            return _table.Rows().Count(r => r.Status != RowStatus.Succeeded);
        }

        using var cmd = _scan.CreateCommand();
        cmd.CommandText = "SELECT id FROM rows WHERE table_id = 1 AND (result_input_hash IS NOT input_hash OR result_workflow_hash IS NOT (SELECT workflow_hash FROM worktables WHERE id = 1)) ORDER BY id";
        using var r = cmd.ExecuteReader();
        var n = 0;
        while (r.Read())
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "edit 1 cell + RowsToRecompute (Stoa)")]
    public int EditThenFindStale()
    {
        Edit();
        return _table.RowsToRecompute().Count;
    }

    [Benchmark(Description = "RowsToRecompute alone (Stoa)")]
    public int FindStaleOnly() => _table.RowsToRecompute().Count;

    private void Edit() => _table.Edit(_row, "x", (int)_row + (_flip ^= 1));
}

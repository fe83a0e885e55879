using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Stoa.Worktables;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// One edit in a 1 000 000-row table whose rows are all computed, then finding the rows to recompute.
/// Baseline: what STOA did and what any store without a needs-run index must do — compare every row's input hash
/// with the hash its outputs were made from (a full scan). Stoa reads the partial index of rows needing a run,
/// so the cost is O(rows changed). Each operation edits a row to a new value (1 stale row) or back (0 stale rows).
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*FindStaleRows*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class FindStaleRowsBenchmarks
{
    public const int RowCount = 1_000_000;
    private string _path = "";
    private WorktableProject _project = null!;
    private Worktable _table = null!;
    private SqliteConnection _scan = null!;
    private long _row;
    private int _flip;

    [GlobalSetup]
    public void Setup()
    {
        _path = WorktableFixture.NewPath();
        using (var p = WorktableProject.Open(_path))
        {
            p.CreateTable("t", WorktableFixture.Workflow).AddRows(WorktableFixture.Rows(RowCount));
        }

        WorktableFixture.SeedAsComputed(_path);
        _project = WorktableProject.Open(_path);
        _table = _project.OpenTable("t");
        _row = RowCount / 2;
        _scan = new SqliteConnection($"Data Source={_path}");
        _scan.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scan.Dispose();
        _project.Dispose();
        WorktableFixture.Delete(_path);
    }

    [Benchmark(Baseline = true, Description = "edit 1 cell + full scan of 1M rows (reference)")]
    public int EditThenFullScan()
    {
        Edit();
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

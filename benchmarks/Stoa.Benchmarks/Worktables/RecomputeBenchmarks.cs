using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Stoa.Worktables;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// One recompute of 1 000 Pending rows end to end through the library: claim, one real process per row (a
/// trivial CWL CommandLineTool, <c>echo</c> into stdout, run by the CWL engine), outputs stored, rows
/// Succeeded. What the store adds on top of starting 1 000 processes is what this measures; rows/s is 1 000
/// divided by the mean. <see cref="Store"/> is SQLite, and PostgreSQL too when <c>STOA_BENCH_POSTGRES</c>
/// names a server. Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*RecomputeBenchmarks*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
public class RecomputeBenchmarks
{
    public const int RowCount = 1_000;

    private const string Tool = """
        cwlVersion: v1.2
        class: CommandLineTool
        doc: Echoes its input; the cheapest real process a row can run.
        baseCommand: echo
        stdout: out.txt
        inputs:
          x:
            type: int
            inputBinding: {position: 1}
          label:
            type: string
            inputBinding: {position: 2}
        outputs:
          out:
            type: stdout
        """;

    private string _path = "";
    private string _toolDirectory = "";
    private WorktableProject _project = null!;
    private Worktable _table = null!;

    /// <summary>The store measured: <see cref="WorktableFixture.Stores"/>.</summary>
    [ParamsSource(typeof(WorktableFixture), nameof(WorktableFixture.Stores))]
    public string Store { get; set; } = WorktableFixture.Sqlite;

    [IterationSetup]
    public void Setup()
    {
        _path = WorktableFixture.NewLocation(Store);
        _project = WorktableFixture.Open(Store, _path);
        _toolDirectory = Directory.CreateTempSubdirectory("stoa-wt-bench-tool-").FullName;
        var tool = Path.Combine(_toolDirectory, "echo.cwl");
        File.WriteAllText(tool, Tool);
        _table = _project.CreateTable(WorktableFixture.NewTableName(Store), CwlWorkflow.Load(tool));
        _table.AddRows(WorktableFixture.Rows(RowCount));
    }

    [Benchmark(Description = "recompute 1 000 trivial CWL rows (one process each)")]
    public long Recompute_1000_rows()
    {
        var result = _table.RecomputeAsync(new CwlRowExecutor(), new RecomputeOptions { MaxParallelism = Environment.ProcessorCount }).GetAwaiter().GetResult();
        return result.Succeeded == RowCount
            ? result.Succeeded
            : throw new InvalidOperationException($"{result.Succeeded} of {RowCount} rows succeeded: {_table.Rows().FirstOrDefault(r => r.Error is not null)?.Error}");
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _project.Dispose();
        WorktableFixture.Delete(Store, _path);
        Directory.Delete(_toolDirectory, recursive: true);
    }
}

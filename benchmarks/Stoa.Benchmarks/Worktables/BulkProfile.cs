using System.Diagnostics;
using Stoa.Worktables;
using Stoa.Worktables.Errors;

namespace Stoa.Benchmarks.Worktables;

internal static class BulkProfile
{
    private sealed class Clock
    {
        private Stopwatch _w = Stopwatch.StartNew();
        private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        public void Restart() { _w.Restart(); _cpu = Process.GetCurrentProcess().TotalProcessorTime; }
        public string Rate(int n) => $"wall {n / _w.Elapsed.TotalSeconds:F0}/s cpu {n / (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds:F0}/s";
    }

    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        var path = WorktableFixture.NewPath();
        using var p = WorktableProject.Open(path);
        var t = p.CreateTable("t", WorktableFixture.Workflow);
        var sw = new Clock();
        var cells = WorktableFixture.Rows(n).Select((r, i) => t.Cells(r, RowReference.New(i + 1, "new row"), false, "/tmp")).ToList();
        Console.WriteLine($"cells {sw.Rate(n)}");
        sw.Restart();
        var sealedRows = cells.Select(c => t.Seal(c)).ToList();
        Console.WriteLine($"seal {sw.Rate(n)}");
        sw.Restart();
        p.Store.InsertRows(t.TableId, sealedRows);
        Console.WriteLine($"store {sw.Rate(n)}");
        var t2 = p.CreateTable("t2", WorktableFixture.Workflow);
        sw.Restart();
        t2.AddRows(WorktableFixture.Rows(n));
        Console.WriteLine($"AddRows {sw.Rate(n)}");
        p.Dispose();
        WorktableFixture.SeedAsComputed(path);
        using var p2 = WorktableProject.Open(path);
        var t3 = p2.OpenTable("t2");
        var first = t3.Rows().First().RowId;
        var m = n / 2;
        sw.Restart();
        t3.SetCells(Enumerable.Range(0, m).Select(i => new Stoa.Worktables.Model.RowEdit(first + (2L * i), new Dictionary<string, object?> { ["x"] = -i - 1 })));
        Console.WriteLine($"SetCells {sw.Rate(m)}");
        return 0;
    }
}

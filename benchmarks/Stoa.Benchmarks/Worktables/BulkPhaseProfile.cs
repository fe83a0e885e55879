using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Stoa.Worktables;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Import;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// Where a bulk import and a batch edit spend their time, phase by phase, with a Stopwatch and the process CPU
/// time (less disturbed by other processes on a shared machine than wall time). Each phase is timed cumulatively
/// (parse; parse + cells; parse + cells + seal) and the store's share alone on rows sealed beforehand.
/// Run: <c>dotnet Stoa.Benchmarks.dll worktables-profile [rows]</c>.
/// </summary>
internal static class BulkPhaseProfile
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        Console.WriteLine($"// {n} rows; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var only = args.Length > 1 ? args[1] : null;
        if (only is null or "import")
        {
            Import(n);
        }

        if (only is null or "edit")
        {
            Edit(n, args.Length > 2 ? args[2] : null);
        }

        return 0;
    }

    private static void Import(int n)
    {
        var csv = "x,label\n" + string.Concat(Enumerable.Range(0, n).Select(i => $"{i},obs-{i}\n"));

        Time("CSV parse only", n, () =>
        {
            var r = new CsvRecordReader(new StringReader(csv));
            var count = 0;
            while (r.Next() is not null)
            {
                count++;
            }
        });

        WithTable((_, t) => Time("parse + cells", n, () =>
        {
            foreach (var _ in Cells(t, csv))
            {
            }
        }));

        List<RowInputs> sealedRows = [];
        WithTable((_, t) => Time("parse + cells + seal", n, () => sealedRows = [.. Cells(t, csv).Select(c => t.Seal(c))]));

        WithTable((p, t) => Time("store InsertRows (sealed rows)", n, () => p.Store.InsertRows(t.TableId, sealedRows)));
        WithTable((_, t) => Time("ImportCsv end to end", n, () => t.ImportCsv(new StringReader(csv))));
        WithTable((_, t) => Time("AddRows end to end", n, () => t.AddRows(WorktableFixture.Rows(n))));
    }

    /// <param name="n">Rows in the table.</param>
    /// <param name="copyTo">Where to copy the seeded project before the edits (to replay its SQL elsewhere), or null.</param>
    private static void Edit(int n, string? copyTo)
    {

        var edits = n / 10;
        WithTable((p, t) =>
        {
            t.AddRows(WorktableFixture.Rows(n));
            SeedAsComputed(p);
            if (copyTo is not null)
            {
                using var c = new SqliteConnection($"Data Source={((Stoa.Worktables.Storage.Sqlite.SqliteWorktableStore)p.Store).Path};Pooling=False");
                c.Open();
                using var vacuum = c.CreateCommand();
                vacuum.CommandText = $"VACUUM INTO '{copyTo.Replace("'", "''", StringComparison.Ordinal)}'";
                vacuum.ExecuteNonQuery();
            }

            var sealedEdits = Enumerable.Range(0, edits).Select(i => t.Seal(new() { ["x"] = System.Text.Json.Nodes.JsonValue.Create(-i - 7L), ["label"] = "obs-" + (i * 10) })).ToList();
            Time($"store UpdateInputsBatch {edits} (sealed)", edits, () => p.Store.UpdateInputsBatch(t.TableId, Enumerable.Range(0, edits), i => RowTarget.ById(1 + (i * 10L)), (i, _, _) => sealedEdits[i]));
            Time($"SetCells {edits} cells", edits, () => t.SetCells(Enumerable.Range(0, edits).Select(i => new RowEdit(1 + (i * 10L), new Dictionary<string, object?> { ["x"] = -i - 1 }))));
        });
    }

    private static IEnumerable<Dictionary<string, System.Text.Json.Nodes.JsonNode?>> Cells(Worktable t, string csv)
    {
        var r = new CsvRecordReader(new StringReader(csv));
        var header = r.Next()!.Value.Fields;
        while (r.Next() is { } rec)
        {
            yield return t.Cells(header.Zip(rec.Fields, KeyValuePair.Create), RowReference.New(rec.Line, "CSV line"), fromText: true, "/");
        }
    }

    private static void SeedAsComputed(WorktableProject p)
    {
        var path = ((Stoa.Worktables.Storage.Sqlite.SqliteWorktableStore)p.Store).Path;
        WorktableFixture.SeedAsComputed(path);
    }

    private static void WithTable(Action<WorktableProject, Worktable> body)
    {
        var path = WorktableFixture.NewPath();
        using (var p = WorktableProject.Open(path))
        {
            body(p, p.CreateTable("t", WorktableFixture.Workflow));
        }

        SqliteConnection.ClearAllPools();
        WorktableFixture.Delete(path);
    }

    private static void Time(string what, int count, Action body)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        body();
        sw.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{what,-34} wall {sw.Elapsed.TotalSeconds,7:F2} s {count / sw.Elapsed.TotalSeconds,10:N0}/s   cpu {cpuUsed.TotalSeconds,7:F2} s {count / cpuUsed.TotalSeconds,10:N0}/cpu-s");
    }
}

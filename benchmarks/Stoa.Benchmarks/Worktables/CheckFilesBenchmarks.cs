using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Benchmarks.Worktables;

/// <summary>
/// Checking a 100 000-row table whose rows each read their own small input file against the disk
/// (<see cref="Worktable.CheckFiles"/>): one statx per file, a file read again only when its fingerprint moved.
/// Baseline: what a check without fingerprints must do — read and SHA-1 every file and compare with the digest
/// it had (the expected digests are held in memory, so the baseline pays for the files only, not for the store).
/// Each operation is one cold call, so one invocation per iteration. The global setup checks that the
/// benchmarks measure what they say: with nothing changed no file is read; after one file's bytes changed exactly
/// one file is read and exactly one row changes.
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*CheckFiles*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7, invocationCount: 1)]
public class CheckFilesBenchmarks
{
    public const int RowCount = 100_000;

    private static readonly WorkflowDefinition Workflow = WorkflowDefinition.FromColumns("size",
        [ColumnDefinition.Input("data", ColumnType.File)], [ColumnDefinition.Output("size", ColumnType.Long)], "size v1");

    private string _path = "";
    private string[] _files = [];
    private Dictionary<string, string> _digests = [];
    private WorktableProject _project = null!;
    private Worktable _table = null!;
    private int _flip;

    [GlobalSetup(Targets = [nameof(NaiveRehash)])]
    public void SetupFiles()
    {
        _path = WorktableFixture.NewPath();
        _files = WriteFiles(Path.GetDirectoryName(_path)!);
        _digests = _files.ToDictionary(f => f, f => Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);
    }

    [GlobalSetup(Targets = [nameof(CheckNothingChanged), nameof(CheckOneFileChanged)])]
    public void SetupTable()
    {
        _path = WorktableFixture.NewPath();
        _files = WriteFiles(Path.GetDirectoryName(_path)!);
        using (var p = WorktableProject.Open(_path))
        {
            p.CreateTable("t", Workflow).AddRows(_files.Select(f => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["data"] = f }));
        }

        WorktableFixture.SeedAsComputed(_path, "{\"size\":12}");
        _project = WorktableProject.Open(_path);
        _table = _project.OpenTable("t");

        var quiet = _table.CheckFiles();
        Require(quiet.FilesChecked == RowCount && quiet.FilesRead == 0 && quiet.RowsChanged.Count == 0, $"nothing changed: checked {quiet.FilesChecked}, read {quiet.FilesRead}, rows changed {quiet.RowsChanged.Count}");
        RewriteOneFile();
        var one = _table.CheckFiles();
        Require(one.FilesRead == 1 && one.RowsChanged.Count == 1, $"one file changed: read {one.FilesRead}, rows changed {one.RowsChanged.Count}");
        PrintBreakdown();
    }

    /// <summary>
    /// CPU time (this process, all threads) next to wall time of a quiet check and of its two parts, printed into
    /// the log: on a machine shared with other builds the wall time is mostly waiting for a core.
    /// </summary>
    private void PrintBreakdown()
    {
        var tracked = _table.Store.TrackedFiles(_table.TableId, Stoa.Worktables.Storage.TrackedRole.Input);
        Measure("CheckFiles, nothing changed", () => _table.CheckFiles());
        Measure("read the tracked-file list from the store", () => _table.Store.TrackedFiles(_table.TableId, Stoa.Worktables.Storage.TrackedRole.Input));
        Measure("statx of every tracked file", () =>
        {
            foreach (var t in tracked)
            {
                _ = Stoa.Worktables.Hashing.FileFingerprint.Of(t.Path);
            }
        });

        static void Measure(string what, Action action)
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            action();
            wall.Stop();
            self.Refresh();
            Console.WriteLine($"// breakdown: {what}: wall {wall.Elapsed.TotalMilliseconds:F0} ms, CPU {(self.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _project?.Dispose();
        WorktableFixture.Delete(_path);
    }

    [Benchmark(Baseline = true, Description = "naive: SHA-1 of all 100 000 files, compared")]
    public int NaiveRehash()
    {
        var changed = 0;
        foreach (var f in _files)
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
            if (Convert.ToHexStringLower(SHA1.HashData(stream)) != _digests[f])
            {
                changed++;
            }
        }

        return changed;
    }

    [Benchmark(Description = "CheckFiles, nothing changed")]
    public long CheckNothingChanged() => _table.CheckFiles().FilesRead;

    [IterationSetup(Target = nameof(CheckOneFileChanged))]
    public void RewriteOneFile() => File.WriteAllText(_files[RowCount / 2], $"row {RowCount / 2} v{_flip ^= 1}\n");

    [Benchmark(Description = "CheckFiles, one file's bytes changed")]
    public int CheckOneFileChanged() => _table.CheckFiles().RowsChanged.Count;

    /// <summary>100 files per directory, 1 000 directories; each file a dozen bytes of its own.</summary>
    private static string[] WriteFiles(string root)
    {
        var files = new string[RowCount];
        for (var i = 0; i < RowCount; i++)
        {
            var dir = Path.Combine(root, "data", (i / 100).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            if (i % 100 == 0)
            {
                Directory.CreateDirectory(dir);
            }

            files[i] = Path.Combine(dir, $"f{i:D6}.txt");
            File.WriteAllText(files[i], $"row {i} v0\n");
        }

        return files;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("sanity check failed: " + what);
        }
    }
}

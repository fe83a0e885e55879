using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Stoa.Provenance;

namespace Stoa.Benchmarks.Provenance;

/// <summary>
/// Export of a 100 000-row worktable's provenance (3 inputs incl. a shared file, 2 outputs, one run per row, one
/// upstream row: 2.2 M PROV records). Baseline: build the whole <see cref="ProvDocument"/>, then write it.
/// "Peak heap" is the largest live heap during one untimed export, so it shows whether the graph is held.
/// Run: <c>dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- --filter '*RowProvenance*'</c>.
/// </summary>
[Config(typeof(PeakHeapConfig))]
[MemoryDiagnoser]
public class RowProvenanceExportBenchmarks
{
    public const int RowCount = 100_000;

    internal static readonly ConcurrentDictionary<string, long> PeakHeap = new();

    private static long _peak;

    [Benchmark(Baseline = true, Description = "PROV-JSON, whole document in memory")]
    public void Json_Document() => WholeDocument();

    [Benchmark(Description = "PROV-JSON, streamed")]
    public long Json_Streamed() => Streamed(ProvFormat.Json);

    [Benchmark(Description = "N-Triples, streamed")]
    public long NTriples_Streamed() => Streamed(ProvFormat.NTriples);

    [Benchmark(Description = "Turtle, streamed")]
    public long Turtle_Streamed() => Streamed(ProvFormat.Turtle);

    [Benchmark(Description = "PROV-N, streamed")]
    public long ProvN_Streamed() => Streamed(ProvFormat.ProvN);

    [Benchmark(Description = "PROV-XML, streamed")]
    public long Xml_Streamed() => Streamed(ProvFormat.Xml);

    // Peak live heap is measured once per case before timing, with a full collection every 10 000 rows, so the
    // collections do not distort the timed runs and the figure is live data, not uncollected garbage.
    [GlobalSetup(Target = nameof(Json_Document))]
    public void MeasureDocument() => MeasurePeak(nameof(Json_Document), WholeDocument);

    [GlobalSetup(Target = nameof(Json_Streamed))]
    public void MeasureJson() => MeasurePeak(nameof(Json_Streamed), () => Streamed(ProvFormat.Json));

    [GlobalSetup(Target = nameof(NTriples_Streamed))]
    public void MeasureNTriples() => MeasurePeak(nameof(NTriples_Streamed), () => Streamed(ProvFormat.NTriples));

    [GlobalSetup(Target = nameof(Turtle_Streamed))]
    public void MeasureTurtle() => MeasurePeak(nameof(Turtle_Streamed), () => Streamed(ProvFormat.Turtle));

    [GlobalSetup(Target = nameof(ProvN_Streamed))]
    public void MeasureProvN() => MeasurePeak(nameof(ProvN_Streamed), () => Streamed(ProvFormat.ProvN));

    [GlobalSetup(Target = nameof(Xml_Streamed))]
    public void MeasureXml() => MeasurePeak(nameof(Xml_Streamed), () => Streamed(ProvFormat.Xml));

    private static void WholeDocument()
    {
        var doc = new ProvDocument();
        WorktableProvenance.AddTo(doc, Rows());
        ProvenanceWriter.Write(doc, ProvFormat.Json, Stream.Null);
        Sample(); // the document is complete and still alive here
        GC.KeepAlive(doc);
    }

    private static long Streamed(ProvFormat format) => WorktableProvenance.Export(Rows(), format, Stream.Null);

    private static void MeasurePeak(string name, Action export)
    {
        _measuring = true;
        _peak = 0;
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        export();
        _measuring = false;
        PeakHeap[name] = Math.Max(0, _peak - before);
    }

    private static bool _measuring;

    private static void Sample()
    {
        if (_measuring)
        {
            _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: true));
        }
    }

    /// <summary>The rows: deterministic, generated lazily as the worktables side would stream them from its store.</summary>
    public static IEnumerable<WorktableRowProvenance> Rows()
    {
        var t0 = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var workflow = new string('a', 40);
        var files = Enumerable.Range(0, 100).Select(i => i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < RowCount; i++)
        {
            if (i % 10_000 == 0)
            {
                Sample();
            }

            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new WorktableRowProvenance
            {
                Table = "sources",
                RowKey = key,
                WorkflowSha1 = workflow,
                WorkflowId = "#main",
                RunId = "run-" + key,
                RunStarted = t0.AddSeconds(i),
                RunEnded = t0.AddSeconds(i + 0.5),
                RunState = "success",
                User = "Alice",
                UserOrcid = "0000-0002-1825-0097",
                Inputs =
                [
                    new("map", null, files[i % files.Length]),
                    new("threshold", 5.0 + (i % 7), Unit: "Jy/beam", Ucd: "phot.flux.density"),
                    new("name", "J" + key),
                ],
                Outputs = [new("flux", 0.001 * i, Unit: "Jy", Ucd: "phot.flux.density"), new("npix", (long)(i % 4096))],
                UpstreamRows = [new("images", (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            };
        }
    }

    /// <summary>In-process, so the peak-heap column can read what the benchmark recorded; short job as the house rules ask.</summary>
    private sealed class PeakHeapConfig : ManualConfig
    {
        public PeakHeapConfig()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new PeakHeapColumn());
        }
    }

    private sealed class PeakHeapColumn : IColumn
    {
        public string Id => "PeakHeap";

        public string ColumnName => "Peak heap";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Size;

        public string Legend => "Largest live managed heap during one export (full collection every 10 000 rows), above the heap before it";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            PeakHeap.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var bytes)
                ? $"{bytes / (1024.0 * 1024.0):F1} MB" : "-";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

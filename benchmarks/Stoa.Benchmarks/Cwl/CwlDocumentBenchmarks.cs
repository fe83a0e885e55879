using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;

namespace Stoa.Benchmarks.Cwl;

/// <summary>
/// Loading + validating a medium CWL document (the suite's revsort workflow: two tools, a SchemaDef-free
/// two-step workflow read from three files) and building a command line (the suite's bwa-mem tool).
/// The reference, cwltool, is timed end to end by benchmarks/cwl/*.sh (it cannot run in-process).
/// </summary>
[MemoryDiagnoser]
public class CwlDocumentBenchmarks
{
    private string _workflow = "";
    private Stoa.Cwl.CwlDocument _tool = null!;
    private JsonObject _inputs = null!;
    private readonly JsonObject _runtime = new() { ["cores"] = 2, ["outdir"] = "/out", ["tmpdir"] = "/tmp" };

    [GlobalSetup]
    public void Setup()
    {
        var suite = FindSuite();
        _workflow = Path.Combine(suite, "tests", "revsort.cwl");
        _tool = Stoa.Cwl.CwlDocument.Load(Path.Combine(suite, "tests", "bwa-mem-tool.cwl"));
        _inputs = new JsonObject
        {
            ["reference"] = new JsonObject { ["class"] = "File", ["path"] = "/d/chr20.fa" },
            ["reads"] = new JsonArray(new JsonObject { ["class"] = "File", ["path"] = "/d/r1.fq" }, new JsonObject { ["class"] = "File", ["path"] = "/d/r2.fq" }),
            ["minimum_seed_length"] = 3,
            ["min_std_max_min"] = new JsonArray(1, 2, 3, 4),
            ["args.py"] = new JsonObject { ["class"] = "File", ["path"] = "/d/args.py" },
        };
    }

    [Benchmark(Baseline = true)]
    public string LoadAndValidateWorkflow() => Stoa.Cwl.CwlDocument.Load(_workflow).Class;

    [Benchmark]
    public int BuildCommandLine() =>
        new CommandLineBuilder(new ExpressionEvaluator(new JavaScriptEngine(), false, []), _inputs, _runtime).Build(_tool.Process).Count;

    private static string FindSuite()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "..", "shared", "cwl-conformance", "v1.2");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("../shared/cwl-conformance/v1.2 not found");
    }
}

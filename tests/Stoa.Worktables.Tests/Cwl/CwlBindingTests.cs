using Stoa.Cwl;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Tests.Shared;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Cwl;

/// <summary>Tables bound to real CWL documents, loaded and run by Stoa.Cwl.</summary>
public sealed class CwlBindingTests
{
    private const string Tool = """
        cwlVersion: v1.2
        class: CommandLineTool
        doc: Doubles a number and writes it to a file.
        requirements:
          InlineJavascriptRequirement: {}
        baseCommand: [sh, -c, 'echo $((2 * $0))']
        stdout: doubled.txt
        inputs:
          x:
            type: int
            doc: the number to double
            inputBinding: {position: 1}
          label:
            type: string?
        outputs:
          report:
            type: File
            outputBinding: {glob: doubled.txt}
          doubled:
            type: int
            outputBinding:
              glob: doubled.txt
              loadContents: true
              outputEval: $(parseInt(self[0].contents))
        """;

    private const string Workflow = """
        cwlVersion: v1.2
        class: Workflow
        requirements:
          InlineJavascriptRequirement: {}
        inputs:
          x: int
          label: string?
        outputs:
          doubled:
            type: int
            outputSource: step/doubled
          report:
            type: File
            outputSource: step/report
        steps:
          step:
            run: double.cwl
            in: {x: x, label: label}
            out: [doubled, report]
        """;

    private const string AllTypes = """
        cwlVersion: v1.2
        class: CommandLineTool
        baseCommand: "true"
        inputs:
          i: int
          l: long
          f: float
          d: double
          s: {type: string, doc: a string}
          b: boolean
          e: {type: {type: enum, symbols: [L, C, X]}}
          file: File
          dir: Directory
          arr: int[]
          rec:
            type:
              type: record
              fields:
                a: int
                b: string?
          opt: File?
          withDefault: {type: int, default: 3}
        outputs: []
        """;

    [Fact]
    public void Columns_are_derived_with_full_CWL_types()
    {
        using var s = new ScratchProject();
        var path = s.WriteFile("types.cwl", AllTypes);
        var wf = CwlWorkflow.Load(path);
        var types = wf.Inputs.ToDictionary(c => c.Name, c => c.Type.ToString());
        Assert.Equal("int", types["i"]);
        Assert.Equal("long", types["l"]);
        Assert.Equal("float", types["f"]);
        Assert.Equal("double", types["d"]);
        Assert.Equal("string", types["s"]);
        Assert.Equal("boolean", types["b"]);
        Assert.Equal("enum(L|C|X)", types["e"]);
        Assert.Equal("File", types["file"]);
        Assert.Equal("Directory", types["dir"]);
        Assert.Equal("int[]", types["arr"]);
        Assert.Equal("record{a:int,b:string?}", types["rec"]);
        Assert.Equal("File?", types["opt"]);
        Assert.Equal("int?", types["withDefault"]);
        Assert.Equal("a string", wf.Inputs.Single(c => c.Name == "s").Description);
        Assert.Empty(wf.Outputs);
        Assert.Equal(path, wf.DocumentPath);
    }

    [Fact]
    public void The_workflow_hash_covers_referenced_tools()
    {
        using var s = new ScratchProject();
        var tool = s.WriteFile("double.cwl", Tool);
        var main = s.WriteFile("main.cwl", Workflow);
        var before = CwlWorkflow.Load(main);
        Assert.Equal([tool], before.ReferencedFiles);
        Assert.Equal(["x", "label"], before.Inputs.Select(c => c.Name));
        Assert.Equal(["doubled", "report"], before.Outputs.Select(c => c.Name));

        File.WriteAllText(tool, Tool.Replace("Doubles a number", "Doubles any number", StringComparison.Ordinal));
        var after = CwlWorkflow.Load(main);
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.Equal(after.Hash, CwlWorkflow.Load(main).Hash);
    }

    [Fact]
    public async Task Rows_run_through_the_CWL_engine_and_a_tool_change_marks_them_stale()
    {
        using var s = new ScratchProject();
        var tool = s.WriteFile("double.cwl", Tool);
        var main = s.WriteFile("main.cwl", Workflow);
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(main));
        var ids = t.AddRows([.. new[] { 1, 5, 21 }.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = x })]);
        var result = await t.RecomputeAsync(new CwlRowExecutor(), new RecomputeOptions { MaxParallelism = 2 });
        Assert.True(result.Succeeded == 3, string.Join("\n", t.Rows().Select(r => r.Error)));
        foreach (var id in ids)
        {
            var row = t.GetRow(id);
            var x = (long)row["x"]!;
            Assert.Equal(2 * x, (long)row["doubled"]!);
            var report = row["report"]!;
            Assert.Equal($"{2 * x}\n", File.ReadAllText((string)report["location"]!));
            Assert.StartsWith(s.Project.OutputDirectory, (string)report["location"]!, StringComparison.Ordinal);
            Assert.NotNull(row.LogLocation);
        }

        File.WriteAllText(tool, Tool.Replace("Doubles a number", "Doubles a number (v2)", StringComparison.Ordinal));
        Assert.Equal(3, t.ChangeWorkflow(CwlWorkflow.Load(main)));
        Assert.Equal(3, t.RowsToRecompute().Count);
        Assert.Equal(3, (await t.RecomputeAsync(new CwlRowExecutor())).Succeeded);
    }

    [Fact]
    public async Task Rows_run_on_a_real_Slurm_through_the_Slurm_backend()
    {
        // test.sh starts a single-node Slurm (eng/services/slurm/up.sh); without it this test fails.
        using var s = new ScratchProject();
        s.WriteFile("double.cwl", Tool);
        var main = s.WriteFile("main.cwl", Workflow);
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(main));
        var ids = t.AddRows([.. new[] { 2, 7 }.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = x })]);
        await using var slurm = new SlurmBackend(new SlurmBackendOptions
        {
            ControlDirectory = Path.Combine(Path.GetDirectoryName(s.Project.OutputDirectory)!, "slurm-control"),
            PollInterval = TimeSpan.FromMilliseconds(250),
        });

        var result = await t.RecomputeAsync(new CwlRowExecutor(backend: slurm), new RecomputeOptions { MaxParallelism = 2 });

        Assert.True(result.Succeeded == 2, string.Join("\n", t.Rows().Select(r => r.Error)));
        Assert.True(slurm.Submissions >= 1);
        foreach (var id in ids)
        {
            var row = t.GetRow(id);
            Assert.Equal(2 * (long)row["x"]!, (long)row["doubled"]!);
        }
    }

    [Fact]
    public async Task A_failing_tool_fails_the_row_with_the_engine_message()
    {
        using var s = new ScratchProject();
        var path = s.WriteFile("fail.cwl", """
            cwlVersion: v1.2
            class: CommandLineTool
            baseCommand: [sh, -c, 'exit 3']
            inputs:
              x: int
            outputs:
              y: {type: int, outputBinding: {outputEval: $(1)}}
            requirements:
              InlineJavascriptRequirement: {}
            """);
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(path));
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        await t.RecomputeAsync(new CwlRowExecutor());
        var row = t.GetRow(id);
        Assert.Equal(RowStatus.Failed, row.Status);
        Assert.Contains("Failure", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_projects_logger_factory_reaches_the_CWL_engine_of_each_row()
    {
        using var s = new ScratchProject();
        s.Project.Dispose();
        using var logs = new RecordingLoggerFactory();
        await using var project = WorktableProject.Open(s.Path, new WorktableProjectOptions { LoggerFactory = logs });
        s.WriteFile("double.cwl", Tool);
        var t = project.CreateTable("t", CwlWorkflow.Load(s.WriteFile("main.cwl", Workflow)));
        t.AddRows([.. new[] { 2, 3 }.Select(x => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = x })]);

        Assert.Equal(2, (await t.RecomputeAsync(null, CancellationToken.None)).Succeeded);

        var cwl = logs.Messages.Where(m => m.Category == "Stoa.Cwl").ToList();
        Assert.Equal(2, cwl.Count(m => m.EventName == "JobStarted" && m.Text.EndsWith(" main.cwl/step: started", StringComparison.Ordinal)));
        Assert.Equal(2, cwl.Count(m => m.EventName == "JobFinished" && m.Text.Contains("main.cwl/step: finished, exit code 0, in ", StringComparison.Ordinal)));
        Assert.Equal(2, cwl.Count(m => m.EventName == "RunEnded"));
    }

    [Fact]
    public void A_workflow_that_fails_to_load_is_a_WorkflowException_naming_the_file_and_the_project_is_unchanged()
    {
        using var s = new ScratchProject();
        var path = s.WriteFile("broken.cwl", "cwlVersion: v1.2\nclass: CommandLineTool\ninputs:\n  x: {type: nosuchtype}\noutputs: []\n");
        var e = Assert.Throws<WorkflowException>(() => CwlWorkflow.Load(path));
        Assert.Contains("broken.cwl", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Path);
        Assert.Empty(s.Project.TableNames);
    }
}

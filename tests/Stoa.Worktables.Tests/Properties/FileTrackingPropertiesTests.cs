using System.Collections.Concurrent;
using FsCheck.Xunit;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Properties;

/// <summary>
/// Row truth (issue #15), checked against a from-scratch model: a real CWL workflow (<c>main.cwl</c> running
/// <c>tool.cwl</c>) bound to a table whose rows each read one of two input files, run through the CWL engine.
/// A script of integers drives changes on disk — an input file's bytes rewritten (often to the same bytes, all
/// contents the same size), a file touched, a file deleted, the tool edited, a comment / layout / key-order edit
/// of either document, an optional input added to or removed from the workflow (then rebound) — and checks.
/// After each check and recompute, exactly the rows whose identity (their cells, the current content of their
/// file, the current canonical workflow) differs from the one they last succeeded with have run; rows whose file
/// is missing have failed with their earlier outputs kept; every Succeeded row holds what running it now gives.
/// </summary>
public sealed class FileTrackingPropertiesTests
{
    private static readonly string[] Contents = ["alpha", "gamma"];

    private static readonly (long K, int File)[] RowSpecs = [(1, 0), (2, 1), (3, 0)];

    /// <summary>The tool, tagged <paramref name="tag"/>, in one of three layouts that parse to the same document.</summary>
    private static string Tool(int tag, int layout) => layout switch
    {
        0 => $$$"""
            cwlVersion: v1.2
            class: CommandLineTool
            requirements:
              InlineJavascriptRequirement: {}
            baseCommand: [sh, -c, 'printf "t{{{tag}}}:%s:" "$0"; cat "$1"']
            inputs:
              k: {type: int, inputBinding: {position: 1}}
              data: {type: File, inputBinding: {position: 2}}
            stdout: out.txt
            outputs:
              text:
                type: string
                outputBinding: {glob: out.txt, loadContents: true, outputEval: "$(self[0].contents)"}
            """,
        1 => $$$"""
            # Tags a number and a file's text (this comment is not part of the tool).
            cwlVersion: "v1.2"
            class: CommandLineTool

            requirements:
                InlineJavascriptRequirement: {}   # for outputEval
            baseCommand:
                - sh
                - "-c"
                - 'printf "t{{{tag}}}:%s:" "$0"; cat "$1"'
            inputs:
                k:
                    type: int
                    inputBinding:
                        position: 1
                data:
                    type: File
                    inputBinding: {position: 2}
            stdout: out.txt
            outputs:
                text:
                    type: string
                    outputBinding:
                        glob: out.txt
                        loadContents: true
                        outputEval: $(self[0].contents)
            """,
        _ => $$$"""
            cwlVersion: v1.2
            outputs:
              text:
                outputBinding: {outputEval: "$(self[0].contents)", loadContents: true, glob: out.txt}
                type: string
            stdout: out.txt
            inputs:
              data: {inputBinding: {position: 2}, type: File}
              k: {inputBinding: {position: 1}, type: int}
            baseCommand: [sh, -c, 'printf "t{{{tag}}}:%s:" "$0"; cat "$1"']
            requirements:
              InlineJavascriptRequirement: {}
            class: CommandLineTool
            """,
    };

    /// <summary>The workflow, with or without the optional input <c>extra</c>, in one of three equivalent layouts.</summary>
    private static string Workflow(bool extra, int layout) => layout switch
    {
        0 => $$$"""
            cwlVersion: v1.2
            class: Workflow
            inputs:
              k: int
              data: File
            {{{(extra ? "  extra: string?" : "")}}}
            outputs:
              text: {type: string, outputSource: step/text}
            steps:
              step:
                run: tool.cwl
                in: {k: k, data: data}
                out: [text]
            """,
        1 => $$$"""
            # The table's workflow.
            cwlVersion: v1.2
            class: Workflow

            inputs:
                k: int   # the number
                data: File
            {{{(extra ? "    extra: string?" : "")}}}
            outputs:
                text:
                    type: string
                    outputSource: step/text
            steps:
                step:
                    run: tool.cwl
                    in:
                        k: k
                        data: data
                    out:
                        - text
            """,
        _ => $$$"""
            steps:
              step: {out: [text], in: {data: data, k: k}, run: tool.cwl}
            outputs:
              text: {outputSource: step/text, type: string}
            inputs:
              k: int
              data: File
            {{{(extra ? "  extra: string?" : "")}}}
            class: Workflow
            cwlVersion: v1.2
            """,
    };

    /// <summary>What is on disk now, and what each row last ran with.</summary>
    private sealed class Model
    {
        public string?[] Files { get; } = [.. Contents];

        public int Tag { get; set; }

        public bool Extra { get; set; }

        public Dictionary<long, (long K, int File)> Rows { get; } = [];

        /// <summary>Per row: the identity and output of its last success, and whether its last run failed.</summary>
        public Dictionary<long, (string? Identity, string? Text, bool Failed)> Last { get; } = [];

        public string? Identity(long id) => Files[Rows[id].File] is { } content ? $"{Rows[id].K}|{content}|t{Tag}|{Extra}" : null;

        /// <summary>What a run of the row gives now (null when its file is missing).</summary>
        public string? Expected(long id) => Files[Rows[id].File] is { } content ? $"t{Tag}:{Rows[id].K}:{content}" : null;

        public bool MustRun(long id) => Identity(id) is { } identity && (!Last.TryGetValue(id, out var last) || last.Failed || last.Identity != identity);

        public bool MustFail(long id) => Identity(id) is null;
    }

    /// <summary>Counts the rows the executor was really asked to run, and runs them through the CWL engine.</summary>
    private sealed class CountingExecutor(IRowExecutor inner) : IRowExecutor
    {
        public ConcurrentBag<long> Executed { get; } = [];

        public Task<RowExecutionResult> ExecuteAsync(RowExecution execution, CancellationToken cancellationToken)
        {
            Executed.Add(execution.RowId);
            return inner.ExecuteAsync(execution, cancellationToken);
        }
    }

    [Property(MaxTest = 30)]
    public bool FileTracking_Meets_Specification(int[] script)
    {
        using var s = new ScratchProject();
        var model = new Model();
        var files = Enumerable.Range(0, Contents.Length).Select(i => s.WriteFile($"data/f{i}.txt", Contents[i])).ToArray();
        var tool = s.WriteFile("wf/tool.cwl", Tool(0, 0));
        var main = s.WriteFile("wf/main.cwl", Workflow(extra: false, 0));
        var t = s.Project.CreateTable("t", CwlWorkflow.Load(main));
        var ids = t.AddRows([.. RowSpecs.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["k"] = r.K, ["data"] = files[r.File] })]);
        for (var i = 0; i < ids.Count; i++)
        {
            model.Rows[ids[i]] = RowSpecs[i];
        }

        var exec = new CountingExecutor(new CwlRowExecutor());
        RecomputeAndCheck(t, exec, model, main);

        // Twelve steps at most, so a case stays about a second with real CWL runs. Each step is one integer: the
        // action (modulo 8) and its arguments (the quotient, in base 3: which file, which content, tag or layout).
        // Two files and two contents, so steps often meet on the same file and bring back bytes it had.
        var clock = DateTime.UtcNow;
        foreach (var op in script.Take(12))
        {
            var arg = Math.Abs(op / 8);
            int Arg(int digit) => arg / (int)Math.Pow(3, digit) % 3;
            var file = Arg(0) % files.Length;
            switch (Math.Abs(op % 8))
            {
                case 0:
                    // Rewrite an input file (often with the bytes it has, always with the same size); recreates a deleted one.
                    model.Files[file] = Contents[Arg(1) % Contents.Length];
                    File.WriteAllText(files[file], model.Files[file]);
                    break;

                case 1 when model.Files[file] is not null:
                    clock = clock.AddSeconds(1 + Arg(1));
                    File.SetLastWriteTimeUtc(files[file], clock);
                    break;

                case 2:
                    model.Tag = Arg(0);
                    File.WriteAllText(tool, Tool(model.Tag, Arg(1)));
                    break;

                case 3:
                    // A comment, whitespace or key-order edit of one of the documents: nothing to run.
                    File.WriteAllText(Arg(0) == 0 ? tool : main, Arg(0) == 0 ? Tool(model.Tag, Arg(1)) : Workflow(model.Extra, Arg(1)));
                    break;

                case 4:
                    File.Delete(files[file]);
                    model.Files[file] = null;
                    break;

                case 5:
                    ChangeInterfaceAndRebind(t, exec, model, main, Arg(0));
                    break;

                case 6:
                    CheckAndPlan(t, model);
                    break;

                case 7:
                    RecomputeAndCheck(t, exec, model, main);
                    break;
            }
        }

        RecomputeAndCheck(t, exec, model, main);

        // Nothing changed since: the next recompute runs exactly the rows whose file is still missing (and fails them).
        RecomputeAndCheck(t, exec, model, main);
        return true;
    }

    /// <summary>
    /// Adds or removes the optional input <c>extra</c>: the check reports the change and leaves it pending, a
    /// recompute refuses to run anything, and a rebind accepts it.
    /// </summary>
    private static void ChangeInterfaceAndRebind(Worktable t, CountingExecutor exec, Model model, string main, int layout)
    {
        model.Extra = !model.Extra;
        File.WriteAllText(main, Workflow(model.Extra, layout));
        var check = t.CheckFiles();
        var pending = Assert.IsType<Stoa.Worktables.Tracking.WorkflowInterfaceChange>(check.PendingWorkflowChange);
        Assert.Equal(model.Extra ? ["extra (string?)"] : [], pending.Added);
        Assert.Equal(model.Extra ? [] : ["extra (string?)"], pending.Removed);

        var attempts = t.Rows().ToDictionary(r => r.RowId, r => r.Attempts);
        exec.Executed.Clear();
        Assert.Throws<WorkflowException>(() => t.RecomputeAsync(exec).GetAwaiter().GetResult());
        Assert.Empty(exec.Executed);
        Assert.Equal(attempts, t.Rows().ToDictionary(r => r.RowId, r => r.Attempts));

        t.Rebind(dropColumns: !model.Extra);
        Assert.Equal(model.Extra, t.Workflow.Inputs.Any(c => c.Name == "extra"));
    }

    /// <summary>Checks the files; the plan is then exactly the rows to run and the rows to fail.</summary>
    private static (List<long> MustRun, List<long> MustFail) CheckAndPlan(Worktable t, Model model)
    {
        var check = t.CheckFiles();
        Assert.Null(check.PendingWorkflowChange);
        var mustRun = model.Rows.Keys.Where(model.MustRun).Order().ToList();
        var mustFail = model.Rows.Keys.Where(model.MustFail).Order().ToList();
        Assert.Equal(mustRun.Concat(mustFail).Order(), t.RowsToRecompute());
        return (mustRun, mustFail);
    }

    private static void RecomputeAndCheck(Worktable t, CountingExecutor exec, Model model, string main)
    {
        var (mustRun, mustFail) = CheckAndPlan(t, model);

        var before = t.Rows().ToDictionary(r => r.RowId);
        exec.Executed.Clear();
        var result = t.RecomputeAsync(exec, new RecomputeOptions { MaxParallelism = 2 }).GetAwaiter().GetResult();
        var rows = t.Rows().ToDictionary(r => r.RowId);
        Assert.True(mustRun.Count == result.Succeeded, string.Join("\n", rows.Values.Select(r => $"{r.RowId} {r.Status} {r.Error}")));
        Assert.Equal(mustFail.Count, result.Failed);

        // Exactly the rows whose identity changed ran; a row whose file is missing was attempted but never reached the executor.
        Assert.Equal(mustRun, exec.Executed.Order());
        foreach (var (id, row) in rows)
        {
            var attempted = mustRun.Contains(id) || mustFail.Contains(id);
            Assert.Equal(before[id].Attempts + (attempted ? 1 : 0), row.Attempts);
        }

        var workflowNow = CwlWorkflow.Load(main).Hash;
        foreach (var (id, row) in rows)
        {
            if (model.MustFail(id))
            {
                // Failed, saying why, with the outputs of its last success kept.
                Assert.Equal(RowStatus.Failed, row.Status);
                Assert.Contains("is missing", row.Error, StringComparison.Ordinal);
                var last = model.Last.GetValueOrDefault(id);
                Assert.Equal(last.Text, (string?)row["text"]);
                model.Last[id] = last with { Failed = true };
                continue;
            }

            // Succeeded, with exactly what a run from scratch gives now, under the workflow as it is on disk now.
            Assert.Equal(RowStatus.Succeeded, row.Status);
            Assert.Equal(model.Expected(id), (string?)row["text"]);
            Assert.Equal(workflowNow, row.WorkflowHash);
            Assert.Empty(row.Reasons);
            model.Last[id] = (model.Identity(id)!, model.Expected(id)!, false);
        }
    }
}

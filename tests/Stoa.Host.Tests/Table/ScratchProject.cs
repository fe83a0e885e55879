namespace Stoa.Host.Tests.Table;

/// <summary>
/// A temporary directory with <c>square.cwl</c> (a tool that squares x — and fails for 13, to exercise failed rows)
/// and a project <c>p.stoa</c>, driven through the real <c>stoa</c> executable.
/// </summary>
internal sealed class ScratchProject : IDisposable
{
    /// <summary>name: string, x: int → sq: int = x² (exit 1 for x = 13, and for x = 0: `expr` exits 1 on a 0 result).</summary>
    public const string SquareTool = """
        cwlVersion: v1.2
        class: CommandLineTool
        requirements:
          InlineJavascriptRequirement: {}
        baseCommand: [sh, -c]
        arguments: ['expr "$0" \* "$0" > out.txt; test "$0" -ne 13', $(inputs.x)]
        inputs:
          name: string
          x: int
        outputs:
          sq:
            type: int
            outputBinding:
              glob: out.txt
              loadContents: true
              outputEval: $(parseInt(self[0].contents))
        """;

    /// <summary>f: File → out: File, a copy of f (cat): the smallest tool with a file input.</summary>
    public const string CatTool = """
        cwlVersion: v1.2
        class: CommandLineTool
        baseCommand: cat
        inputs:
          f: {type: File, inputBinding: {position: 1}}
        stdout: out.txt
        outputs:
          out: stdout
        """;

    public ScratchProject(string prefix)
    {
        Dir = Directory.CreateTempSubdirectory(prefix).FullName;
        File.WriteAllText(Path.Combine(Dir, "square.cwl"), SquareTool);
    }

    /// <summary>The directory (the commands' working directory).</summary>
    public string Dir { get; }

    /// <summary>Runs <c>stoa ARGS --project p.stoa</c> in <see cref="Dir"/>.</summary>
    public (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => StoaProcess.Run(Dir, null, [.. args, "--project", "p.stoa"]);

    /// <summary>Runs <see cref="Stoa"/> and asserts exit 0, showing the output when not.</summary>
    public void Ok(params string[] args)
    {
        var (rc, stdout, stderr) = Stoa(args);
        Assert.True(rc == 0, $"stoa {string.Join(' ', args)} → {rc}\n{stdout}\n{stderr}");
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

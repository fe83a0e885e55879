using System.Text.Json.Nodes;

namespace Stoa.Cwl.Tests.Security;

/// <summary>
/// Issue #16 row 8: a Directory output must not carry files from outside the job through symbolic links, the same
/// rule File outputs already follow (a link may lead into the job's own directory or to one of its inputs).
/// </summary>
public sealed class DirectoryOutputLinkTests : ScratchDirectory
{
    private const string Secret = "private key material";

    [Theory]
    [InlineData("mkdir d && ln -s $0/secret.txt d/leak")]                       // a file link at the top of the listing
    [InlineData("mkdir -p d/a/b && ln -s $0/secret.txt d/a/b/leak")]             // nested two levels down
    [InlineData("mkdir d && ln -s $0/private d/sub")]                            // a link to a whole directory
    [InlineData("mkdir -p d/x && ln -s $0/private d/x/y && ln -s x/y d/via")]    // outside reached through a link inside d
    public async Task A_Directory_Output_Holding_A_Link_Outside_The_Job_Is_Refused(string script)
    {
        File.WriteAllText(Path.Combine(Dir, "secret.txt"), Secret);
        Directory.CreateDirectory(Path.Combine(Dir, "private"));
        File.WriteAllText(Path.Combine(Dir, "private", "key.txt"), Secret);
        var outdir = Path.Combine(Dir, "out");

        var result = await Run(script, outdir);

        Assert.Equal(CwlJobStatus.PermanentFailure, result.Status);
        Assert.Contains("outside the job's directory and its inputs", result.Message ?? string.Join("\n", result.Jobs.Select(j => j.Message)), StringComparison.Ordinal);
        Assert.Null(result.Outputs);
        Assert.DoesNotContain(
            Directory.Exists(outdir) ? Directory.EnumerateFiles(outdir, "*", SearchOption.AllDirectories) : [],
            f => File.ReadAllText(f).Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Directory_Output_With_Links_Inside_The_Job_Is_Kept()
    {
        var outdir = Path.Combine(Dir, "out");

        var result = await Run("mkdir -p d/a && echo hi > d/a/f.txt && ln -s a/f.txt d/g.txt && ln -s a d/b", outdir);

        Assert.Equal(CwlJobStatus.Success, result.Status);
        var d = result.Outputs!["d"]!["path"]!.GetValue<string>();
        Assert.Equal("hi", File.ReadAllText(Path.Combine(d, "g.txt")).Trim());
    }

    private async Task<CwlRunResult> Run(string script, string outdir)
    {
        var tool = Write("tool.cwl", $$"""
            cwlVersion: v1.2
            class: CommandLineTool
            baseCommand: [sh, -c]
            arguments: ['{{script}}', '{{Dir}}']
            inputs: []
            outputs:
              d:
                type: Directory
                outputBinding: {glob: d}
            """);
        var engine = new CwlEngine(new CwlEngineOptions { OutputDirectory = outdir });
        return await engine.RunAsync(CwlDocument.Load(tool), new JsonObject());
    }
}

using Stoa.Cwl.Dependencies;

namespace Stoa.Cwl.Tests.Dependencies;

/// <summary><see cref="CwlDocument.ReferencedFiles"/> and <see cref="CwlReferencedFile.ComputeDigest"/> on small real documents.</summary>
public sealed class CwlReferencedFileTests : ScratchDirectory
{
    /// <summary>
    /// main.cwl runs inner/inner.cwl, which runs tools/tool.cwl (two levels of <c>run:</c>); the tool <c>$import</c>s
    /// a hint, <c>$include</c>s a script into its InitialWorkDir, lists a File literal there too, and has a File
    /// default with a secondary file, a Directory default and an expression location.
    /// </summary>
    private string WriteWorkflow(string version)
    {
        WriteAt("data/ref.fa", ">chr1\nACGT\n");
        WriteAt("data/ref.fa.fai", "chr1\t4\t6\t4\t5\n");
        WriteAt("data/db/a.txt", "a");
        WriteAt("data/db/sub/b.txt", "b");
        WriteAt("inner/tools/config.txt", "threshold=5\n");
        WriteAt("inner/tools/script.sh", "echo hello\n");
        WriteAt("inner/tools/env.yml", "class: EnvVarRequirement\nenvDef: {MODE: fast}\n");
        WriteAt("inner/tools/tool.cwl", $$"""
            cwlVersion: {{version}}
            class: CommandLineTool
            baseCommand: [sh, script.sh]
            hints:
              - $import: env.yml
            requirements:
              InlineJavascriptRequirement: {}
              InitialWorkDirRequirement:
                listing:
                  - entryname: script.sh
                    entry:
                      $include: script.sh
                  - {class: File, location: config.txt}
                  - {class: File, location: "$(inputs.name).txt"}
            inputs:
              name: {type: string, default: x}
              ref:
                type: File
                default:
                  class: File
                  location: ../../data/ref.fa
                  secondaryFiles:
                    - {class: File, location: ../../data/ref.fa.fai}
              db:
                type: Directory
                default: {class: Directory, location: ../../data/db}
            outputs: []
            """);
        WriteAt("inner/inner.cwl", $"""
            cwlVersion: {version}
            class: Workflow
            inputs: []
            outputs: []
            steps:
              tool:
                run: tools/tool.cwl
                in: []
                out: []
            """);
        return WriteAt("main.cwl", $"""
            cwlVersion: {version}
            class: Workflow
            requirements:
              SubworkflowFeatureRequirement: {"{}"}
            inputs: []
            outputs: []
            steps:
              inner:
                run: inner/inner.cwl
                in: []
                out: []
            """);
    }

    private string WriteAt(string relative, string text)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string At(string relative) => Path.Combine(Dir, relative);

    [Theory]
    [InlineData("v1.0")]
    [InlineData("v1.1")]
    [InlineData("v1.2")]
    public void Every_local_file_is_listed_once_with_its_kind_documents_first(string version)
    {
        var main = WriteWorkflow(version);
        var files = CwlDocument.Load(main).ReferencedFiles;

        var documents = files.TakeWhile(f => f.Kind == CwlReferenceKind.Document).Select(f => f.Path).ToList();
        var content = files.SkipWhile(f => f.Kind == CwlReferenceKind.Document).ToList();
        Assert.All(content, f => Assert.Equal(CwlReferenceKind.Content, f.Kind));
        Assert.Equal(new[] { main, At("inner/inner.cwl"), At("inner/tools/tool.cwl"), At("inner/tools/env.yml") }.Order(StringComparer.Ordinal), documents);
        Assert.Equal(
            new[] { "data/ref.fa", "data/ref.fa.fai", "data/db/a.txt", "data/db/sub/b.txt", "inner/tools/config.txt", "inner/tools/script.sh" }.Select(At).Order(StringComparer.Ordinal),
            content.Select(f => f.Path));
    }

    [Fact]
    public void An_expression_location_is_not_a_file()
    {
        var main = WriteWorkflow("v1.2");
        // Even a file whose name is the expression's text is not what the expression names.
        WriteAt("inner/tools/$(inputs.name).txt", "not x.txt");
        var files = CwlDocument.Load(main).ReferencedFiles;
        Assert.DoesNotContain(files, f => f.Path.Contains("$(", StringComparison.Ordinal));
        Assert.Equal(10, files.Count);
    }

    [Fact]
    public void A_remote_run_target_is_not_a_local_file_and_a_missing_literal_is_left_out()
    {
        var tool = Write("tool.cwl", """
            cwlVersion: v1.2
            class: CommandLineTool
            baseCommand: "true"
            inputs:
              f: {type: File, default: {class: File, location: "https://example.org/data.fits"}}
              g: {type: File?, default: {class: File, location: not-there.fits}}
            outputs: []
            """);
        Assert.Equal([new CwlReferencedFile(tool, CwlReferenceKind.Document)], CwlDocument.Load(tool).ReferencedFiles);
    }

    [Fact]
    public void A_comment_whitespace_quoting_or_key_order_edit_keeps_the_document_digest()
    {
        var path = Write("t.cwl", "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs:\n  x: {type: int, inputBinding: {position: 1}}\noutputs: []\n");
        var doc = new CwlReferencedFile(path, CwlReferenceKind.Document);
        var before = doc.ComputeDigest();
        Assert.StartsWith("sha256$", before, StringComparison.Ordinal);

        File.WriteAllText(path, "# a comment\ncwlVersion: \"v1.2\"   # quoted now\nclass: CommandLineTool\n\nbaseCommand: echo\ninputs:\n    x:\n        type: int\n        inputBinding:\n            position: 1\noutputs: []\n");
        Assert.Equal(before, doc.ComputeDigest());

        File.WriteAllText(path, "outputs: []\ninputs:\n  x: {inputBinding: {position: 1}, type: int}\nbaseCommand: echo\nclass: CommandLineTool\ncwlVersion: v1.2\n");
        Assert.Equal(before, doc.ComputeDigest());
    }

    [Theory]
    [InlineData("baseCommand: echo", "baseCommand: printf")]
    [InlineData("position: 1", "position: 2")]
    [InlineData("type: int", "type: long")]
    public void A_value_change_changes_the_document_digest(string from, string to)
    {
        const string text = "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs:\n  x: {type: int, inputBinding: {position: 1}}\noutputs: []\n";
        var path = Write("t.cwl", text.Replace("{type: int, inputBinding: {position: 1}}", "\n    type: int\n    inputBinding: {position: 1}", StringComparison.Ordinal));
        var doc = new CwlReferencedFile(path, CwlReferenceKind.Document);
        var before = doc.ComputeDigest();
        File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));
        Assert.NotEqual(before, doc.ComputeDigest());
    }

    [Fact]
    public void Content_digest_is_the_sha1_of_the_bytes_so_a_comment_in_a_script_counts()
    {
        var path = Write("script.sh", "echo hello\n");
        var file = new CwlReferencedFile(path, CwlReferenceKind.Content);
        Assert.Equal("sha1$5810f53a8dd7e48378290a6328ddf0ef8a822199", file.ComputeDigest());
        File.WriteAllText(path, "# say it\necho hello\n");
        Assert.NotEqual("sha1$5810f53a8dd7e48378290a6328ddf0ef8a822199", file.ComputeDigest());
    }

    [Fact]
    public void A_document_that_no_longer_parses_is_a_located_error()
    {
        var path = Write("t.cwl", "cwlVersion: v1.2\nclass: [CommandLineTool\n");
        var e = Assert.Throws<CwlValidationException>(() => new CwlReferencedFile(path, CwlReferenceKind.Document).ComputeDigest());
        Assert.Equal(path, e.Errors[0].Location.File);
    }
}

using System.Text.RegularExpressions;
using Stoa.Provenance;

namespace Stoa.Provenance.Tests;

/// <summary>The package README's quickstart is this compiled code, character for character, and it runs.</summary>
public sealed partial class ReadmeQuickstartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-prov-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Quickstart(string path)
    {
        // quickstart-begin
        var doc = new ProvDocument();
        var ex = doc.AddNamespace("ex", "https://example.org/run/");
        var wfprov = doc.AddNamespace("wfprov", "http://purl.org/wf4ever/wfprov#");
        doc.Agent(ex["stoa"], new ProvAttribute(ProvVocabulary.Type, ProvVocabulary.Prov["SoftwareAgent"]));
        doc.Activity(ex["run1"], DateTimeOffset.UtcNow, null, new ProvAttribute(ProvVocabulary.Type, wfprov["WorkflowRun"]));
        doc.Entity(ex["map.fits"], new ProvAttribute(ex["frequency"], 1.4e9)); // xsd:double, never xsd:float
        doc.Add(ProvRelation.Generation(ex["map.fits"], ex["run1"], DateTimeOffset.UtcNow));
        doc.Add(ProvRelation.Association(ex["run1"], ex["stoa"]));
        using var stream = File.Create(path);
        ProvenanceWriter.Write(doc, ProvFormat.ProvN, stream); // or Json, Turtle, NTriples, Xml
        // quickstart-end
    }

    [Fact]
    public void Readme_Quickstart_Is_The_Compiled_Code()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Stoa.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Stoa.sln not found above the test assembly.");
        }

        var readme = File.ReadAllText(Path.Combine(root, "src/Stoa.Provenance/README.md"));
        // The README's block is a complete program: its using line and the output path are the test's own here.
        var block = string.Join('\n', CSharpBlock().Match(readme).Groups[1].Value.Split('\n')
            .Where(l => !l.StartsWith("using Stoa.", StringComparison.Ordinal) && !l.StartsWith("var path = ", StringComparison.Ordinal))).Trim();
        var source = File.ReadAllText(Path.Combine(root, "tests/Stoa.Provenance.Tests/ReadmeQuickstartTests.cs"));
        var begin = source.IndexOf("// quickstart-begin", StringComparison.Ordinal) + "// quickstart-begin".Length;
        var code = source[begin..source.IndexOf("        // quickstart-end", StringComparison.Ordinal)];
        var unindented = string.Join('\n', code.Split('\n').Select(l => l.StartsWith("        ", StringComparison.Ordinal) ? l[8..] : l)).Trim();
        Assert.Equal(unindented, block);
    }

    [Fact]
    public void Readme_Quickstart_Writes_Readable_ProvN()
    {
        var path = Path.Combine(_dir, "run1.provn");
        Quickstart(path);
        var doc = ProvenanceReader.ReadFile(path, ProvFormat.ProvN);
        Assert.Equal(5, doc.Records.Count);
        Assert.Empty(ProvValidator.Validate(doc));
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

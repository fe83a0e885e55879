using System.Text.Json.Nodes;
using Stoa.Cwl;
using Stoa.Provenance;
using Stoa.Provenance.Tests.Interop;

namespace Stoa.Provenance.Tests.Cwl;

/// <summary>A real two-step workflow (rev | sort -r, the CWLProv revsort example) run by Stoa.Cwl, exported as a CWLProv bag.</summary>
public sealed class CwlRunResearchObjectTests : IDisposable
{
    private const string RevSort = """
        cwlVersion: v1.2
        class: Workflow
        inputs:
          input: File
          reverse_sort:
            type: boolean
            default: true
        outputs:
          output:
            type: File
            outputSource: sorted/output
        steps:
          rev:
            in:
              input: input
            out: [output]
            run:
              class: CommandLineTool
              baseCommand: rev
              inputs:
                input:
                  type: File
                  inputBinding: {}
              outputs:
                output:
                  type: stdout
              stdout: output.txt
          sorted:
            in:
              input: rev/output
              reverse: reverse_sort
            out: [output]
            run:
              class: CommandLineTool
              baseCommand: SORT
              inputs:
                reverse:
                  type: boolean
                  inputBinding:
                    position: 1
                    prefix: "-r"
                input:
                  type: File
                  inputBinding:
                    position: 2
              outputs:
                output:
                  type: stdout
              stdout: output.txt
        """;

    private static readonly Guid RunUuid = Guid.Parse("95f5d15d-2125-4a81-b26b-3df1801da091");

    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-cwl-ro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(CwlRunResult Result, CwlDocument Document, string Source)> RunAsync(string sortCommand)
    {
        var source = RevSort.Replace("SORT", sortCommand, StringComparison.Ordinal);
        var workflow = Path.Combine(_dir, "revsort.cwl");
        File.WriteAllText(workflow, source);
        var input = Path.Combine(_dir, "whale.txt");
        File.WriteAllText(input, "Call me Ishmael.\nSome years ago--never mind how long precisely\n");
        var document = CwlDocument.Load(workflow);
        var inputs = new JsonObject { ["input"] = new JsonObject { ["class"] = "File", ["location"] = new Uri(input).AbsoluteUri } };
        // Job directories are kept (under this test's directory) so the intermediate file can be bagged too.
        var engine = new CwlEngine(new CwlEngineOptions
        {
            OutputDirectory = Path.Combine(_dir, "out"), TempDirectory = Path.Combine(_dir, "tmp"), KeepTempFiles = true, Parallel = 1,
        });
        var result = await engine.RunAsync(document, inputs);
        return (result, document, source);
    }

    [Fact]
    public async Task Two_Step_Run_Exports_A_Bag_Whose_Manifests_Verify()
    {
        var (result, document, source) = await RunAsync("sort");
        Assert.True(result.Status == CwlJobStatus.Success, result.Message);
        Assert.Equal(2, result.Jobs.Count);

        var bag = Path.Combine(_dir, "ro");
        var summary = CwlProvenance.WriteResearchObject(bag, result, document, source,
            new CwlProvenanceOptions { RunUuid = RunUuid, UserName = "Alice", UserOrcid = "0000-0002-1825-0097" });
        Assert.Equal(3, summary.PayloadFiles); // input, reversed, sorted
        Assert.Empty(ResearchObjectBag.Verify(bag));
        foreach (var (tool, manifest) in new[] { ("sha1sum", "manifest-sha1.txt"), ("sha512sum", "manifest-sha512.txt"), ("sha1sum", "tagmanifest-sha1.txt"), ("sha512sum", "tagmanifest-sha512.txt") })
        {
            var (code, output) = ProvTools.RunIn(bag, "/usr/bin/" + tool, "--strict", "-c", manifest);
            Assert.True(code == 0, output);
        }

        // The sorted output is in the payload, named by its SHA-1, and primary-output.json points at it.
        var output1 = JsonNode.Parse(File.ReadAllText(Path.Combine(bag, "workflow/primary-output.json")))!;
        var location = (string)output1["output"]!["location"]!;
        Assert.StartsWith("../data/", location, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(bag, "workflow", location)));
        Assert.Equal(source, File.ReadAllText(Path.Combine(bag, "workflow/packed.cwl")));

        // The provenance: two ProcessRuns with UTC times, their plans, the files by content.
        var provenance = ProvenanceReader.ReadFile(Path.Combine(bag, "metadata/provenance/primary.cwlprov.provn"), ProvFormat.ProvN);
        var activities = provenance.Records.OfType<ProvActivity>().ToList();
        var steps = activities.Where(a => a.Attributes.Any(x => x.Value.Name?.LocalPart == "ProcessRun")).ToList();
        Assert.Equal(2, steps.Count);
        Assert.All(steps, s => Assert.True(s.StartTime is { Offset.Ticks: 0 } && s.EndTime is { Offset.Ticks: 0 }));
        Assert.Contains(provenance.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main/rev");
        Assert.Contains(provenance.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main/sorted");
        var generated = provenance.Records.OfType<ProvRelation>().Where(r => r.Kind == ProvRelationKind.Generation).ToList();
        Assert.Contains(generated, g => g.Attributes.Any(a => a.Value.Name?.LocalPart == "main/sorted/output"));
        Assert.Contains(generated, g => g.Attributes.Any(a => a.Value.Name?.LocalPart == "main/output"));
        Assert.All(generated, g => Assert.Equal("urn:hash::sha1:", g.Terms[0]!.Value.Namespace.Uri));
        var reverse = provenance.Records.OfType<ProvRelation>().Single(r => r.Kind == ProvRelationKind.Usage
            && r.Attributes.Any(a => a.Value.Name?.LocalPart == "main/sorted/reverse"));
        var reverseValue = provenance.Records.OfType<ProvEntity>().Single(e => e.Id == reverse.Terms[1]);
        Assert.Contains(reverseValue.Attributes, a => a.Name == ProvVocabulary.Value && a.Value.Lexical == "true" && a.Value.Datatype!.Value.LocalPart == "boolean");

        // Every serialisation in the bag: PROV-N equals PROV-JSON; prov-compare finds JSON and XML the same; prov reads the Turtle.
        var dir = Path.Combine(bag, "metadata/provenance");
        var fromJson = ProvenanceReader.ReadFile(Path.Combine(dir, "primary.cwlprov.json"), ProvFormat.Json);
        Assert.Equal(ProvCanonicalForm.Lines(fromJson), ProvCanonicalForm.Lines(provenance));
        var (same, diff) = ProvTools.Run(ProvTools.ProvCompare, "-f", "json", "-F", "xml", Path.Combine(dir, "primary.cwlprov.json"), Path.Combine(dir, "primary.cwlprov.xml"));
        Assert.True(same == 0, diff);
        var count = ProvTools.RunPython("""
            import sys
            from prov.model import ProvDocument
            print(len(ProvDocument.deserialize(sys.argv[1], format='rdf', rdf_format='turtle').get_records()))
            """, Path.Combine(dir, "primary.cwlprov.ttl")).Trim();
        Assert.Equal(fromJson.Records.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
    }

    [Fact]
    public async Task Failed_Run_Still_Exports_With_Exit_Code_And_No_Outputs()
    {
        // "false" ignores its arguments and exits 1: the second step fails.
        var (result, document, source) = await RunAsync("\"false\"");
        Assert.Equal(CwlJobStatus.PermanentFailure, result.Status);

        var bag = Path.Combine(_dir, "ro");
        CwlProvenance.WriteResearchObject(bag, result, document, source, new CwlProvenanceOptions { RunUuid = RunUuid });
        Assert.Empty(ResearchObjectBag.Verify(bag));
        Assert.False(File.Exists(Path.Combine(bag, "workflow/primary-output.json")));

        var provenance = ProvenanceReader.ReadFile(Path.Combine(bag, "metadata/provenance/primary.cwlprov.json"), ProvFormat.Json);
        var failed = provenance.Records.OfType<ProvActivity>().Single(a => a.Attributes.Any(x => x.Value.Lexical == "Run of workflow/packed.cwl#main/sorted"));
        Assert.NotNull(failed.EndTime);
        Assert.Contains(failed.Attributes, a => a.Name.LocalPart == "exitCode" && a.Value.Lexical == "1");
        Assert.Contains(failed.Attributes, a => a.Name.LocalPart == "state" && a.Value.Lexical == "permanentFail");
        var relations = provenance.Records.OfType<ProvRelation>().ToList();
        Assert.DoesNotContain(relations, r => r.Kind == ProvRelationKind.Generation && r.Terms[1] == failed.Id);
        var run = provenance.Records.OfType<ProvActivity>().Single(a => a.Id.Uri == "urn:uuid:" + RunUuid);
        Assert.DoesNotContain(relations, r => r.Kind == ProvRelationKind.Generation && r.Terms[1] == run.Id);
        Assert.Contains(run.Attributes, a => a.Name.LocalPart == "state" && a.Value.Lexical == "permanentFail");
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Stoa.Provenance;
using Stoa.Provenance.Tests.Interop;

namespace Stoa.Provenance.Tests.Cwl;

/// <summary>The CWLProv mapping on run records shaped as Stoa.Cwl reports them.</summary>
public sealed class CwlProvMapperTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid RunUuid = Guid.Parse("4cca2dd8-3bd5-45cb-8d34-e7f346be027e");

    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-cwlprov-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonObject FileObject(string path, bool withChecksum = false)
    {
        var o = new JsonObject { ["class"] = "File", ["location"] = new Uri(path).AbsoluteUri, ["basename"] = Path.GetFileName(path) };
        if (withChecksum)
        {
            o["checksum"] = "sha1$" + Sha1(path);
        }

        return o;
    }

    private static string Sha1(string path) => Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(path)));

    /// <summary>main: rev (reverse a file) then sort (with a parameter), as the revsort example of CWLProv.</summary>
    private CwlRunFacts TwoStepRun(bool secondFails = false)
    {
        var input = Path.Combine(_dir, "whale.txt");
        var reversed = Path.Combine(_dir, "rev.txt");
        var sorted = Path.Combine(_dir, "sorted.txt");
        File.WriteAllText(input, "Call me Ishmael.\n");
        File.WriteAllText(reversed, ".leamhsI em llaC\n");
        File.WriteAllText(sorted, ".leamhsI em llaC\n(sorted)\n");
        var inputs = new JsonObject { ["input"] = FileObject(input), ["reverse_sort"] = true, ["width"] = 4.5, ["count"] = 3 };
        var rev = new CwlJobFacts("job-1", "main/rev", "CommandLineTool",
            new JsonObject { ["input"] = FileObject(input) }, new JsonObject { ["output"] = FileObject(reversed, withChecksum: true) },
            ["rev", input], 0, "success", null, T0.AddSeconds(1), T0.AddSeconds(2));
        var sort = new CwlJobFacts("job-2", "main/sorted", "CommandLineTool",
            new JsonObject { ["input"] = FileObject(reversed, withChecksum: true), ["reverse"] = true },
            secondFails ? null : new JsonObject { ["output"] = FileObject(sorted, withChecksum: true) },
            ["sort", "-r", reversed], secondFails ? 2 : 0, secondFails ? "permanentFail" : "success",
            secondFails ? "sort exited with code 2" : null, T0.AddSeconds(3), T0.AddSeconds(4));
        return new CwlRunFacts("file:///work/revsort.cwl#main", true, secondFails ? "permanentFail" : "success", inputs,
            secondFails ? null : new JsonObject { ["output"] = FileObject(sorted, withChecksum: true) },
            T0, T0.AddSeconds(5), secondFails ? "step sorted failed" : null, [rev, sort]);
    }

    private static CwlProvenanceResult Map(CwlRunFacts run, string? orcid = null, string? name = null) =>
        CwlProvenance.Map(run, new CwlProvenanceOptions { RunUuid = RunUuid, UserOrcid = orcid, UserName = name });

    private static ProvActivity Activity(ProvDocument doc, string label) =>
        Assert.Single(doc.Records.OfType<ProvActivity>(), a => a.Attributes.Any(x => x.Name == ProvVocabulary.Label && x.Value.Lexical == label));

    private static bool HasType(ProvRecord r, string prefix, string local) =>
        r.Attributes.Any(a => a.Name == ProvVocabulary.Type && a.Value.Name is { } n && n.Namespace.Prefix == prefix && n.LocalPart == local);

    [Fact]
    public void Two_Step_Run_Follows_The_CWLProv_Profile()
    {
        var result = Map(TwoStepRun(), orcid: "https://orcid.org/0000-0002-1825-0097", name: "Alice");
        var doc = result.Document;
        Assert.Empty(ProvValidator.Validate(doc));

        var engine = Assert.Single(doc.Records.OfType<ProvAgent>(), a => HasType(a, "prov", "SoftwareAgent"));
        Assert.True(HasType(engine, "wfprov", "WorkflowEngine"));
        Assert.StartsWith("Stoa ", engine.Attributes.Single(a => a.Name == ProvVocabulary.Label).Value.Lexical, StringComparison.Ordinal);
        var person = Assert.Single(doc.Records.OfType<ProvAgent>(), a => HasType(a, "prov", "Person"));
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", person.Id.Uri);
        Assert.Contains(doc.Records.OfType<ProvRelation>(), r => r.Kind == ProvRelationKind.Delegation && r.Terms[0] == engine.Id && r.Terms[1] == person.Id);

        var run = Activity(doc, "Run of workflow/packed.cwl#main");
        Assert.Equal("urn:uuid:" + RunUuid, run.Id.Uri);
        Assert.True(HasType(run, "wfprov", "WorkflowRun"));
        Assert.Equal(T0, run.StartTime);
        var rev = Activity(doc, "Run of workflow/packed.cwl#main/rev");
        Assert.True(HasType(rev, "wfprov", "ProcessRun"));
        Assert.Equal(TimeSpan.Zero, rev.StartTime!.Value.Offset);
        Assert.Equal(T0.AddSeconds(2), rev.EndTime);
        Assert.Contains(rev.Attributes, a => a.Name.LocalPart == "exitCode" && a.Value.Lexical == "0" && a.Value.Datatype!.Value.LocalPart == "long");

        var plan = Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main");
        Assert.True(HasType(plan, "wfdesc", "Workflow") && HasType(plan, "prov", "Plan"));
        Assert.Equal($"arcp://uuid,{RunUuid}/workflow/packed.cwl#main", plan.Id.Uri);
        Assert.Equal(2, plan.Attributes.Count(a => a.Name.LocalPart == "hasSubProcess"));
        var leaf = Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main/sorted");
        Assert.True(HasType(leaf, "wfdesc", "Process") && HasType(leaf, "prov", "Plan"));
        Assert.False(HasType(leaf, "wfdesc", "Workflow"));
        Assert.Contains(doc.Records.OfType<ProvRelation>(), r => r.Kind == ProvRelationKind.Association && r.Terms[0] == rev.Id && r.Terms[2]!.Value.LocalPart == "main/rev");

        // Files by content; ports as roles; values with prov:value typed double/long/boolean.
        var whale = "urn:hash::sha1:" + Sha1(Path.Combine(_dir, "whale.txt"));
        var used = Assert.Single(doc.Records.OfType<ProvRelation>(), r => r.Kind == ProvRelationKind.Usage && r.Terms[0] == rev.Id);
        Assert.Equal(whale, used.Terms[1]!.Value.Uri);
        Assert.Equal("main/rev/input", used.Attributes.Single(a => a.Name == ProvVocabulary.Role).Value.Name!.Value.LocalPart);
        var generated = Assert.Single(doc.Records.OfType<ProvRelation>(), r => r.Kind == ProvRelationKind.Generation && r.Terms[1] == rev.Id);
        Assert.Equal("urn:hash::sha1:" + Sha1(Path.Combine(_dir, "rev.txt")), generated.Terms[0]!.Value.Uri);
        Assert.Equal(T0.AddSeconds(2), generated.Time);
        var values = doc.Records.OfType<ProvEntity>().SelectMany(e => e.Attributes).Where(a => a.Name == ProvVocabulary.Value).ToList();
        Assert.Contains(values, v => v.Value.Datatype?.LocalPart == "double" && v.Value.Lexical == "4.5");
        Assert.Contains(values, v => v.Value.Datatype?.LocalPart == "long" && v.Value.Lexical == "3");
        Assert.Contains(values, v => v.Value.Datatype?.LocalPart == "boolean" && v.Value.Lexical == "true");
        Assert.Equal(3, result.DataFiles.Count);
    }

    [Fact]
    public void Failed_Run_Exports_End_Time_Exit_Code_And_State_And_No_Invented_Outputs()
    {
        var doc = Map(TwoStepRun(secondFails: true)).Document;
        Assert.Empty(ProvValidator.Validate(doc));
        var sort = Activity(doc, "Run of workflow/packed.cwl#main/sorted");
        Assert.Equal(T0.AddSeconds(4), sort.EndTime);
        Assert.Contains(sort.Attributes, a => a.Name.LocalPart == "exitCode" && a.Value.Lexical == "2");
        Assert.Contains(sort.Attributes, a => a.Name.LocalPart == "state" && a.Value.Lexical == "permanentFail");
        Assert.Contains(sort.Attributes, a => a.Name.LocalPart == "message" && a.Value.Lexical == "sort exited with code 2");
        var relations = doc.Records.OfType<ProvRelation>().ToList();
        Assert.DoesNotContain(relations, r => r.Kind == ProvRelationKind.Generation && r.Terms[1] == sort.Id);
        var run = Activity(doc, "Run of workflow/packed.cwl#main");
        Assert.DoesNotContain(relations, r => r.Kind == ProvRelationKind.Generation && r.Terms[1] == run.Id);
        Assert.Contains(run.Attributes, a => a.Name.LocalPart == "state" && a.Value.Lexical == "permanentFail");
        Assert.Equal(T0.AddSeconds(5), run.EndTime);
        Assert.Contains(relations, r => r.Kind == ProvRelationKind.End && r.Terms[0] == sort.Id && r.Time == T0.AddSeconds(4));
        Assert.DoesNotContain(doc.Records.OfType<ProvEntity>(), e => e.Id.Uri == "urn:hash::sha1:" + Sha1(Path.Combine(_dir, "sorted.txt")));
    }

    [Fact]
    public void No_Person_Is_Recorded_Unless_Given()
    {
        var doc = Map(TwoStepRun()).Document;
        Assert.DoesNotContain(doc.Records.OfType<ProvAgent>(), a => HasType(a, "prov", "Person"));
        Assert.DoesNotContain(doc.Namespaces, n => n.Prefix == "orcid");
        var named = Map(TwoStepRun(), name: "Alice").Document;
        var person = Assert.Single(named.Records.OfType<ProvAgent>(), a => HasType(a, "prov", "Person"));
        Assert.Equal("id", person.Id.Namespace.Prefix);
    }

    [Fact]
    public void A_Container_Image_Is_One_Entity_Used_By_Every_Job_That_Ran_In_It()
    {
        const string Image = "docker.io/debian:stable-slim@sha256:4a1f5b0c";
        var job = (string id, string? image) => new CwlJobFacts(id, "main/s" + id, "CommandLineTool", new JsonObject { ["x"] = 1 },
            new JsonObject(), ["echo"], 0, "success", null, T0.AddSeconds(1), T0.AddSeconds(2), image);
        var run = new CwlRunFacts("wf.cwl", true, "success", new JsonObject { ["x"] = 1 }, new JsonObject(), T0, T0.AddSeconds(3), null,
            [job("a", Image), job("b", Image), job("c", null)]);
        var doc = Map(run).Document;

        Assert.Empty(ProvValidator.Validate(doc));
        var image = Assert.Single(doc.Records.OfType<ProvEntity>(), e => HasType(e, "stoa", "ContainerImage"));
        Assert.Contains(image.Attributes, a => a.Value.Lexical == "sha256:4a1f5b0c");
        Assert.Contains(image.Attributes, a => a.Value.Lexical == "docker.io/debian:stable-slim");
        var users = doc.Records.OfType<ProvRelation>().Where(r => r.Kind == ProvRelationKind.Usage && r.Terms[1] == image.Id).Select(r => r.Terms[0]).ToList();
        var named = doc.Records.OfType<ProvActivity>().Where(a => users.Contains(a.Id))
            .Select(a => a.Attributes.Single(x => x.Name.LocalPart == "jobId").Value.Lexical).Order().ToList();
        Assert.Equal(["a", "b"], named);

        // As cwltool's CWLProv: each containerised job is associated with a SoftwareAgent naming the image.
        var containers = doc.Records.OfType<ProvAgent>().Where(a => a.Attributes.Any(x => x.Name.Namespace.Prefix == "cwlprov" && x.Name.LocalPart == "image")).ToList();
        Assert.Equal(2, containers.Count);
        Assert.All(containers, c => Assert.Equal("docker.io/debian:stable-slim", c.Attributes.Single(x => x.Name.LocalPart == "image").Value.Lexical));
        Assert.Equal(2, doc.Records.OfType<ProvRelation>().Count(r => r.Kind == ProvRelationKind.Association && containers.Any(c => c.Id == r.Terms[1])));
    }

    [Fact]
    public void Nested_And_Scattered_Steps_Become_An_Activity_Hierarchy()
    {
        var job = (string id, string name) => new CwlJobFacts(id, name, "CommandLineTool", new JsonObject { ["x"] = 1 },
            new JsonObject { ["y"] = "out-" + id }, ["echo"], 0, "success", null, T0.AddSeconds(1), T0.AddSeconds(2));
        var run = new CwlRunFacts("wf.cwl", true, "success", new JsonObject { ["x"] = 1 }, new JsonObject(), T0, T0.AddSeconds(3), null,
            [job("a", "main/sub/0/inner"), job("b", "main/sub/1/inner"), job("c", "main/last")]);
        var doc = Map(run).Document;
        Assert.Empty(ProvValidator.Validate(doc));
        var nested = doc.Records.OfType<ProvActivity>().Where(a => a.Attributes.Any(x => x.Value.Lexical == "Run of workflow/packed.cwl#main/sub")).ToList();
        Assert.Equal(2, nested.Count);
        Assert.All(nested, n => Assert.True(HasType(n, "wfprov", "WorkflowRun")));
        var inner = doc.Records.OfType<ProvActivity>().Where(a => a.Attributes.Any(x => x.Value.Lexical == "Run of workflow/packed.cwl#main/sub/inner")).ToList();
        Assert.Equal(2, inner.Count);
        var starts = doc.Records.OfType<ProvRelation>().Where(r => r.Kind == ProvRelationKind.Start).ToList();
        Assert.All(inner, i => Assert.Contains(starts, s => s.Terms[0] == i.Id && nested.Any(n => n.Id == s.Terms[2])));
        Assert.False(HasType(Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main/sub/inner"), "wfdesc", "Workflow"));
        var subPlan = Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main/sub");
        Assert.True(HasType(subPlan, "wfdesc", "Workflow") && HasType(subPlan, "wfdesc", "Process"));
        Assert.Contains(subPlan.Attributes, a => a.Name.LocalPart == "hasSubProcess" && a.Value.Name!.Value.LocalPart == "main/sub/inner");
        var mainPlan = Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "main");
        Assert.Equal(["main/last", "main/sub"], mainPlan.Attributes.Where(a => a.Name.LocalPart == "hasSubProcess").Select(a => a.Value.Name!.Value.LocalPart).Order());
    }

    [Fact]
    public void Secondary_Files_Directories_Arrays_And_Records_Are_Entities()
    {
        var main = Path.Combine(_dir, "image.fits");
        var index = Path.Combine(_dir, "image.fits.idx");
        File.WriteAllText(main, "SIMPLE  =                    T");
        File.WriteAllText(index, "0");
        var file = FileObject(main);
        file["secondaryFiles"] = new JsonArray(FileObject(index));
        var inputs = new JsonObject
        {
            ["image"] = file,
            ["dir"] = new JsonObject { ["class"] = "Directory", ["location"] = new Uri(_dir).AbsoluteUri, ["listing"] = new JsonArray(FileObject(index)) },
            ["scales"] = new JsonArray(1.5, 3),
            ["opts"] = new JsonObject { ["mode"] = "fast", ["n"] = 2 },
            ["none"] = null,
        };
        var run = new CwlRunFacts("tool.cwl#imager", false, "success", inputs, new JsonObject(), T0, T0.AddSeconds(1), null, []);
        var doc = Map(run).Document;
        Assert.Empty(ProvValidator.Validate(doc));
        var relations = doc.Records.OfType<ProvRelation>().ToList();
        var mainEntity = StoaNamespaces.Data[Sha1(main)];
        var indexEntity = StoaNamespaces.Data[Sha1(index)];
        Assert.Contains(relations, r => r.Kind == ProvRelationKind.Influence && r.Terms[0] == indexEntity && r.Terms[1] == mainEntity);
        Assert.Equal(4, relations.Count(r => r.Kind == ProvRelationKind.Usage)); // image, dir, scales, opts; null is absent
        var members = relations.Where(r => r.Kind == ProvRelationKind.Membership).ToList();
        Assert.Equal(5, members.Count); // dir ∋ index, scales ∋ 1.5, 3, opts ∋ "fast", 2
        var top = Assert.Single(doc.Records.OfType<ProvActivity>(), a => a.Id.Uri == "urn:uuid:" + RunUuid);
        Assert.True(HasType(top, "wfprov", "ProcessRun"));
        Assert.Contains(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "imager" && HasType(e, "wfdesc", "Process"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mapped_Runs_Validate_With_The_Prov_Tools(bool failed)
    {
        var doc = Map(TwoStepRun(failed), orcid: "0000-0002-1825-0097", name: "Alice").Document;
        var json = Path.Combine(_dir, "run.json");
        var xml = Path.Combine(_dir, "run.xml");
        var ttl = Path.Combine(_dir, "run.ttl");
        ProvenanceWriter.WriteFile(doc, ProvFormat.Json, json);
        ProvenanceWriter.WriteFile(doc, ProvFormat.Xml, xml);
        ProvenanceWriter.WriteFile(doc, ProvFormat.Turtle, ttl);
        var (code, output) = ProvTools.Run(ProvTools.ProvCompare, "-f", "json", "-F", "xml", json, xml);
        Assert.True(code == 0, output);
        var script = """
            import sys, prov
            from prov.model import ProvDocument
            a = prov.read(sys.argv[1], format='json')
            b = ProvDocument.deserialize(sys.argv[2], format='rdf', rdf_format='turtle')
            print(len(a.get_records()), len(b.get_records()))
            """;
        var counts = ProvTools.RunPython(script, json, ttl).Trim().Split(' ');
        Assert.Equal(counts[0], counts[1]);
        var fromN = SampleDocuments.Read(SampleDocuments.Write(doc, ProvFormat.ProvN), ProvFormat.ProvN);
        Assert.Equal(ProvCanonicalForm.Lines(ProvenanceReader.ReadFile(json, ProvFormat.Json)), ProvCanonicalForm.Lines(fromN));
    }
}

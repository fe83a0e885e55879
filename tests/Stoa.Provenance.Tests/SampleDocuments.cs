using Stoa.Provenance;

namespace Stoa.Provenance.Tests;

/// <summary>Documents the tests write: one with every relation, value kind and a bundle, in the CWLProv shape.</summary>
internal static class SampleDocuments
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    public static ProvDocument Everything()
    {
        var doc = new ProvDocument();
        var ex = doc.AddNamespace("ex", "http://example.org/stoa#");
        var wfprov = doc.AddNamespace("wfprov", "http://purl.org/wf4ever/wfprov#");
        var data = doc.AddNamespace("data", "urn:hash::sha1:");
        var wf = doc.AddNamespace("wf", "arcp://uuid,0e6cb79e-fe70-4807-888c-3a61b9bf232a/workflow/packed.cwl#");
        var p = ProvVocabulary.Prov;

        doc.Agent(ex["engine"], new ProvAttribute(ProvVocabulary.Type, p["SoftwareAgent"]), new ProvAttribute(ProvVocabulary.Label, "Stoa 0.1.0"));
        doc.Agent(ex["alice"], new ProvAttribute(ProvVocabulary.Type, p["Person"]), new ProvAttribute(ProvVocabulary.Label, ProvValue.LangString("Alice", "en")));
        doc.Activity(ex["run"], T0, T0.AddMinutes(2), new ProvAttribute(ProvVocabulary.Type, wfprov["WorkflowRun"]));
        doc.Activity(ex["step"], T0.AddSeconds(1), null, new ProvAttribute(ProvVocabulary.Type, wfprov["ProcessRun"]),
            new ProvAttribute(ex["exitCode"], 0L), new ProvAttribute(ex["note"], "quote \" backslash \\ newline \n tab \t"));
        doc.Entity(wf["main"], new ProvAttribute(ProvVocabulary.Type, p["Plan"]), new ProvAttribute(ProvVocabulary.Type, ProvValue.QualifiedName(doc.AddNamespace("wfdesc", "http://purl.org/wf4ever/wfdesc#")["Workflow"])));
        doc.Entity(data["53870991af88a6d678cbeed3255bb65993c52925"], new ProvAttribute(ProvVocabulary.Type, wfprov["Artifact"]),
            new ProvAttribute(ex["frequency"], 1.4204057517667e9), new ProvAttribute(ex["pixels"], 4096L), new ProvAttribute(ex["ok"], true),
            new ProvAttribute(ex["observed"], ProvValue.DateTime(new DateTimeOffset(2024, 3, 1, 22, 15, 0, TimeSpan.FromHours(-3)))),
            new ProvAttribute(ex["page"], ProvValue.AnyUri("https://example.org/a?b=c")));
        doc.Entity(data["b9214658cc453331b62c2282b772a5c063dbd284"], new ProvAttribute(ProvVocabulary.Value, "Hei7"));
        doc.Entity(ex["collection"], new ProvAttribute(ProvVocabulary.Type, p["Collection"]));
        doc.Entity(ex["general"]);

        var input = data["b9214658cc453331b62c2282b772a5c063dbd284"];
        var output = data["53870991af88a6d678cbeed3255bb65993c52925"];
        doc.Add(ProvRelation.Usage(ex["step"], input, T0.AddSeconds(2), attributes: [new ProvAttribute(ProvVocabulary.Role, wf["main/step0/message"])]));
        doc.Add(ProvRelation.Generation(output, ex["step"], T0.AddSeconds(3), ex["gen1"], [new ProvAttribute(ProvVocabulary.Role, wf["main/step0/response"])]));
        doc.Add(ProvRelation.Generation(output, ex["run"]));
        doc.Add(ProvRelation.Communication(ex["step"], ex["run"]));
        doc.Add(ProvRelation.Start(ex["run"], null, ex["engine"], T0));
        doc.Add(ProvRelation.Start(ex["step"], starter: ex["run"], time: T0.AddSeconds(1)));
        doc.Add(ProvRelation.End(ex["run"], null, ex["engine"], T0.AddMinutes(2)));
        doc.Add(ProvRelation.Invalidation(input, ex["run"], T0.AddMinutes(3)));
        doc.Add(ProvRelation.Derivation(output, input, ex["step"], ex["gen1"], null, attributes: [new ProvAttribute(ProvVocabulary.Type, p["Revision"])]));
        doc.Add(ProvRelation.Attribution(output, ex["alice"]));
        doc.Add(ProvRelation.Association(ex["run"], ex["engine"], wf["main"]));
        doc.Add(ProvRelation.Association(ex["step"], null, wf["main"]));
        doc.Add(ProvRelation.Delegation(ex["engine"], ex["alice"], ex["run"]));
        doc.Add(ProvRelation.Influence(output, ex["alice"]));
        doc.Add(ProvRelation.Specialization(output, ex["general"]));
        doc.Add(ProvRelation.Alternate(input, ex["general"]));
        doc.Add(ProvRelation.Membership(ex["collection"], output));

        var bundle = doc.Bundle(ex["bundle1"]);
        var inner = bundle.AddNamespace("inner", "http://example.org/inner/");
        bundle.Entity(inner["e1"], new ProvAttribute(ex["offset"], -2.5));
        bundle.Activity(inner["a1"], T0.ToOffset(TimeSpan.FromHours(5.5)), null);
        bundle.Add(ProvRelation.Generation(inner["e1"], inner["a1"], T0));
        return doc;
    }

    public static string Write(ProvDocument doc, ProvFormat format, ProvWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        ProvenanceWriter.Write(doc, format, stream, options);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static ProvDocument Read(string text, ProvFormat format) =>
        ProvenanceReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), format, "test");
}

using Stoa.Provenance;

namespace Stoa.Provenance.Tests.Serialization;

public class RoundTripTests
{
    [Theory]
    [InlineData(ProvFormat.Json)]
    [InlineData(ProvFormat.ProvN)]
    public void Written_Then_Read_States_The_Same_Records(ProvFormat format)
    {
        var doc = SampleDocuments.Everything();
        var text = SampleDocuments.Write(doc, format);
        var back = SampleDocuments.Read(text, format);
        Assert.Equal(ProvCanonicalForm.Lines(doc), ProvCanonicalForm.Lines(back));
    }

    [Fact]
    public void ProvN_Reparsed_Equals_The_Json()
    {
        var doc = SampleDocuments.Everything();
        var fromN = SampleDocuments.Read(SampleDocuments.Write(doc, ProvFormat.ProvN), ProvFormat.ProvN);
        var fromJson = SampleDocuments.Read(SampleDocuments.Write(doc, ProvFormat.Json), ProvFormat.Json);
        Assert.Equal(ProvCanonicalForm.Lines(fromJson), ProvCanonicalForm.Lines(fromN));
        Assert.Equal(30, ProvCanonicalForm.Lines(fromN).Count);
    }

    [Fact]
    public void Json_Spilled_To_Disk_Is_Identical_To_Json_In_Memory()
    {
        var doc = SampleDocuments.Everything();
        var inMemory = SampleDocuments.Write(doc, ProvFormat.Json);
        var spilled = SampleDocuments.Write(doc, ProvFormat.Json, new ProvWriterOptions { JsonSpillThresholdBytes = 64 });
        Assert.Equal(inMemory, spilled);
    }

    [Fact]
    public void Numbers_Are_Double_Or_Long_Never_Float()
    {
        var doc = SampleDocuments.Everything();
        foreach (var format in new[] { ProvFormat.Json, ProvFormat.ProvN, ProvFormat.Turtle, ProvFormat.Xml })
        {
            var text = SampleDocuments.Write(doc, format);
            Assert.DoesNotContain("float", text, StringComparison.Ordinal);
            Assert.Contains("double", text, StringComparison.Ordinal);
            Assert.Contains("long", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ProvN_Has_The_Expected_Shape()
    {
        var text = SampleDocuments.Write(SampleDocuments.Everything(), ProvFormat.ProvN);
        Assert.StartsWith("document\n  prefix ex <http://example.org/stoa#>\n", text, StringComparison.Ordinal);
        Assert.Contains("  wasGeneratedBy(ex:gen1; data:53870991af88a6d678cbeed3255bb65993c52925, ex:step, 2026-11-25T09:30:03Z, [prov:role='wf:main/step0/response'])\n", text, StringComparison.Ordinal);
        Assert.Contains("  activity(ex:step, 2026-11-25T09:30:01Z, -, [", text, StringComparison.Ordinal);
        Assert.Contains("ex:frequency=\"1420405751.7667\" %% xsd:double", text, StringComparison.Ordinal);
        Assert.Contains("  bundle ex:bundle1\n    prefix inner <http://example.org/inner/>\n", text, StringComparison.Ordinal);
        Assert.EndsWith("endBundle\nendDocument\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_Parts_Needing_Escapes_Survive_ProvN()
    {
        var doc = new ProvDocument();
        var ex = doc.AddNamespace("ex", "http://example.org/");
        doc.Entity(ex["-a:b(c),d;e[f]=g'h."]);
        doc.Entity(ex["main/step#1"]);
        var back = SampleDocuments.Read(SampleDocuments.Write(doc, ProvFormat.ProvN), ProvFormat.ProvN);
        Assert.Equal(ProvCanonicalForm.Lines(doc), ProvCanonicalForm.Lines(back));
    }
}

using System.Text.RegularExpressions;
using Stoa.Provenance;

namespace Stoa.Provenance.Tests.Validation;

public partial class ProvValidatorTests
{
    [Fact]
    public void Sample_Document_Is_Valid()
    {
        Assert.Empty(ProvValidator.Validate(SampleDocuments.Everything()));
    }

    [Fact]
    public void Undeclared_Prefix_Is_Refused_Before_Writing()
    {
        var doc = new ProvDocument();
        var undeclared = new ProvNamespace("ghost", "http://example.org/ghost#");
        doc.Entity(undeclared["e"]);
        var issues = ProvValidator.Validate(doc);
        Assert.Contains(issues, i => i.Message.Contains("prefix 'ghost'", StringComparison.Ordinal));
        foreach (var format in Enum.GetValues<ProvFormat>())
        {
            Assert.Throws<ProvValidationException>(() => SampleDocuments.Write(doc, format));
        }
    }

    [Fact]
    public void Undeclared_Prefix_In_An_Attribute_Value_Or_Datatype_Is_Found()
    {
        var doc = new ProvDocument();
        var ex = doc.AddNamespace("ex", "http://example.org/");
        var ghost = new ProvNamespace("ghost", "http://example.org/ghost#");
        doc.Entity(ex["e"], new ProvAttribute(ProvVocabulary.Type, ghost["T"]), new ProvAttribute(ex["x"], ProvValue.Typed("1", ghost["int"])));
        Assert.Equal(2, ProvValidator.Validate(doc).Count);
    }

    [Fact]
    public void Streamed_Record_With_Undeclared_Prefix_Throws()
    {
        using var stream = new MemoryStream();
        using var writer = ProvenanceWriter.Open(stream, ProvFormat.Json, []);
        Assert.Throws<ProvValidationException>(() => writer.Write(new ProvEntity(new ProvNamespace("ex", "http://e/")["x"])));
    }

    [Fact]
    public void Float_Is_Never_Accepted()
    {
        Assert.Throws<ArgumentException>(() => ProvValue.Typed("1.5", ProvVocabulary.Xsd["float"]));
        var json = """{"prefix":{"ex":"http://e/"},"entity":{"ex:e":{"ex:v":{"$":"1.5","type":"xsd:float"}}}}""";
        Assert.Throws<ProvFormatException>(() => SampleDocuments.Read(json, ProvFormat.Json));
        var provn = "document\nprefix ex <http://e/>\nentity(ex:e, [ex:v=\"1.5\" %% xsd:float])\nendDocument\n";
        Assert.Throws<ProvFormatException>(() => SampleDocuments.Read(provn, ProvFormat.ProvN));
    }

    [Fact]
    public void Relations_Without_Required_Terms_Cannot_Be_Made()
    {
        Assert.Throws<ArgumentException>(() => ProvRelation.Create(ProvRelationKind.Generation, [null, null]));
        Assert.Throws<ArgumentException>(() => ProvRelation.Create(ProvRelationKind.Derivation, [new ProvNamespace("ex", "http://e/")["a"], null, null, null, null]));
        Assert.Throws<ArgumentException>(() => ProvRelation.Create(ProvRelationKind.Specialization, [null, null]));
    }

    [Theory]
    [InlineData("wasGeneratedBy(-, ex:a, -)", "required term prov:entity")]
    [InlineData("wasDerivedFrom(ex:e2, -)", "required term prov:usedEntity")]
    [InlineData("used(ex:a, ex:e, 2026-11-25T09:30:00)", "has no time zone")]
    [InlineData("activity(ex:a, 2026-11-25T09:30:00, -)", "has no time zone")]
    [InlineData("entity(nope:e)", "prefix 'nope' is not declared")]
    [InlineData("entity(ex:e, [ex:v=\"x\" %% ghost:t])", "prefix 'ghost' is not declared")]
    public void ProvN_Reader_Refuses_With_Line_And_Column(string statement, string message)
    {
        var text = $"document\n  prefix ex <http://example.org/>\n\n  {statement}\nendDocument\n";
        var e = Assert.Throws<ProvFormatException>(() => SampleDocuments.Read(text, ProvFormat.ProvN));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 4, column ", e.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"used":{"_:u":{"prov:entity":"ex:e"}}}""", "required term prov:activity")]
    [InlineData("""{"wasGeneratedBy":{"_:g":{"prov:entity":"ex:e","prov:time":"2026-11-25T09:30:00"}}}""", "has no time zone")]
    [InlineData("""{"entity":{"ex:e":{"ex:t":{"$":"2026-11-25T09:30:00","type":"xsd:dateTime"}}}}""", "has no time zone")]
    [InlineData("""{"entity":{"nope:e":{}}}""", "prefix 'nope' is not declared")]
    public void Json_Reader_Refuses_With_Path(string body, string message)
    {
        var text = """{"prefix":{"ex":"http://example.org/"},""" + body[1..];
        var e = Assert.Throws<ProvFormatException>(() => SampleDocuments.Read(text, ProvFormat.Json));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("$.", e.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_Time_Written_Has_A_Zone()
    {
        var doc = SampleDocuments.Everything();
        foreach (var format in new[] { ProvFormat.Json, ProvFormat.ProvN, ProvFormat.Turtle, ProvFormat.Xml, ProvFormat.NTriples })
        {
            var text = SampleDocuments.Write(doc, format);
            var times = DateTimeLike().Matches(text);
            Assert.NotEmpty(times);
            Assert.All(times, m => Assert.Matches(@"(Z|[+-]\d\d:\d\d)$", m.Value));
        }
    }

    [Fact]
    public void Streamed_Json_Refuses_A_Repeated_Identifier()
    {
        using var stream = new MemoryStream();
        var ex = new ProvNamespace("ex", "http://example.org/");
        using var writer = ProvenanceWriter.Open(stream, ProvFormat.Json, [ex]);
        writer.Write(new ProvEntity(ex["e"]));
        writer.Write(new ProvActivity(ex["e"])); // another kind: a separate JSON section, allowed
        Assert.Throws<ProvValidationException>(() => writer.Write(new ProvEntity(ex["e"])));
    }

    [Fact]
    public void A_Document_Merges_Repeated_Elements()
    {
        var doc = new ProvDocument();
        var ex = doc.AddNamespace("ex", "http://example.org/");
        doc.Entity(ex["e"], new ProvAttribute(ProvVocabulary.Label, "one"));
        doc.Entity(ex["e"], new ProvAttribute(ProvVocabulary.Type, ProvVocabulary.Prov["Plan"]));
        var back = SampleDocuments.Read(SampleDocuments.Write(doc, ProvFormat.Json), ProvFormat.Json);
        var entity = Assert.Single(back.Records);
        Assert.Equal(2, entity.Attributes.Count);
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")]
    private static partial Regex DateTimeLike();
}

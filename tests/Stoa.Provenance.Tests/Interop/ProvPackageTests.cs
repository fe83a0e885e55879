using Stoa.Provenance;

namespace Stoa.Provenance.Tests.Interop;

/// <summary>Every serialisation we write parses with the W3C reference implementation (the <c>prov</c> package).</summary>
public sealed class ProvPackageTests : IDisposable
{
    // Prints what prov read: records per PROV-N keyword (bundles counted separately), so we see nothing was dropped.
    private const string CountScript = """
        import sys, collections
        from prov.model import ProvDocument
        path, fmt = sys.argv[1], sys.argv[2]
        if fmt == 'ttl':
            doc = ProvDocument.deserialize(path, format='rdf', rdf_format='turtle')
        else:
            import prov
            doc = prov.read(path, format=fmt)
        def count(b):
            c = collections.Counter(r.get_type().localpart for r in b.get_records())
            return ' '.join('%s=%d' % kv for kv in sorted(c.items()))
        print(count(doc))
        for b in doc.bundles:
            print('bundle', b.identifier, count(b))
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-prov-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(ProvDocument doc, ProvFormat format)
    {
        var path = Path.Combine(_dir, "doc" + ProvenanceWriter.Extension(format));
        ProvenanceWriter.WriteFile(doc, format, path);
        return path;
    }

    [Theory]
    [InlineData(ProvFormat.Json, "json")]
    [InlineData(ProvFormat.Xml, "xml")]
    public void Prov_Reads_Every_Record(ProvFormat format, string provFormat)
    {
        var output = ProvTools.RunPython(CountScript, WriteFile(SampleDocuments.Everything(), format), provFormat);
        var lines = output.Trim().Split('\n');
        Assert.Equal(
            "Activity=2 Agent=2 Alternate=1 Association=2 Attribution=1 Communication=1 Delegation=1 Derivation=1 End=1 Entity=5 "
            + "Generation=2 Influence=1 Invalidation=1 Membership=1 Specialization=1 Start=2 Usage=1",
            lines[0]);
        Assert.Equal("bundle ex:bundle1 Activity=1 Entity=1 Generation=1", lines[1]);
    }

    [Fact]
    public void Prov_Reads_The_Turtle()
    {
        var doc = SampleDocuments.Everything();
        var output = ProvTools.RunPython(CountScript, WriteFile(doc, ProvFormat.Turtle), "ttl");
        Assert.Contains("Activity=", output, StringComparison.Ordinal);
        Assert.Contains("Generation=", output, StringComparison.Ordinal);
        Assert.Contains("Usage=1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prov_Finds_Turtle_And_Json_The_Same_Document()
    {
        // Bundles are left out: Turtle has no named graphs.
        var doc = SampleDocuments.Everything();
        var flat = new ProvDocument();
        foreach (var ns in doc.Namespaces)
        {
            flat.AddNamespace(ns);
        }

        foreach (var r in doc.Records)
        {
            flat.Add(r);
        }

        // prov reads `a prov:alternateOf b` as alternateOf(b, a) (its writer swaps too); PROV-DM makes alternateOf
        // symmetric, so its two terms are compared as a set.
        var script = """
            import sys, prov
            from prov.model import ProvDocument, PROV_ALTERNATE
            def statements(doc):
                out = set()
                for r in doc.get_records():
                    formal = [str(v) for _, v in r.formal_attributes]
                    if r.get_type() == PROV_ALTERNATE:
                        formal.sort()
                    extra = sorted('%s=%r' % (k, v) for k, v in r.extra_attributes)
                    out.add('%s %s %s %s' % (r.get_type(), r.identifier, formal, extra))
                return out
            a = statements(prov.read(sys.argv[1], format='json'))
            b = statements(ProvDocument.deserialize(sys.argv[2], format='rdf', rdf_format='turtle'))
            print('same %d' % len(a) if a == b else 'only in JSON: %s\nonly in Turtle: %s' % (a - b, b - a))
            """;
        var json = WriteFile(flat, ProvFormat.Json);
        var ttl = WriteFile(flat, ProvFormat.Turtle);
        var verdict = ProvTools.RunPython(script, json, ttl).Trim();
        Assert.True(verdict == "same 26", verdict);
    }

    [Fact]
    public void ProvCompare_Finds_Json_And_Xml_The_Same_Document()
    {
        var doc = SampleDocuments.Everything();
        var json = WriteFile(doc, ProvFormat.Json);
        var xml = WriteFile(doc, ProvFormat.Xml);
        var (code, output) = ProvTools.Run(ProvTools.ProvCompare, "-f", "json", "-F", "xml", json, xml);
        Assert.True(code == 0, $"prov-compare found them different (exit {code}): {output}");
    }

    [Fact]
    public void ProvCompare_Tells_Different_Documents_Apart()
    {
        // Guards the test above: prov-compare must be able to say no.
        var doc = SampleDocuments.Everything();
        var other = SampleDocuments.Everything();
        other.Entity(other.Namespaces[0]["extra"]);
        var json = WriteFile(doc, ProvFormat.Json);
        var xml = WriteFile(other, ProvFormat.Xml);
        var (code, _) = ProvTools.Run(ProvTools.ProvCompare, "-f", "json", "-F", "xml", json, xml);
        Assert.Equal(1, code);
    }
}

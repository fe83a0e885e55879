using FsCheck.Xunit;
using Stoa.Provenance;

namespace Stoa.Provenance.Tests.Serialization;

public class RandomDocumentTests
{
    /// <summary>Any document, written as PROV-N or PROV-JSON and read back, states the same records.</summary>
    [Property(MaxTest = 60)]
    public void RoundTrip_Meets_Specification(int seed)
    {
        var doc = RandomDocument(seed);
        var expected = ProvCanonicalForm.Lines(doc);
        foreach (var format in new[] { ProvFormat.Json, ProvFormat.ProvN })
        {
            var back = SampleDocuments.Read(SampleDocuments.Write(doc, format), format);
            Assert.Equal(expected, ProvCanonicalForm.Lines(back));
        }
    }

    internal static ProvDocument RandomDocument(int seed)
    {
        var random = new Random(seed);
        var doc = new ProvDocument();
        var ns = new[] { doc.AddNamespace("ex", "http://example.org/"), doc.AddNamespace("b2", "urn:x-test:") };
        const string alphabet = "abcXYZ019_-./#:()=,;'[]é→ \"\\\n";
        string Text(int max) => new([.. Enumerable.Range(0, random.Next(max)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        QualifiedName Name()
        {
            var local = Text(8).Replace(" ", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)
                .Replace("\\", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            return ns[random.Next(ns.Length)]["n" + local];
        }

        DateTimeOffset? Time() => random.Next(3) == 0 ? null
            : new DateTimeOffset(2000 + random.Next(50), 1 + random.Next(12), 1 + random.Next(28), random.Next(24), random.Next(60),
                random.Next(60), TimeSpan.FromMinutes(15 * random.Next(-48, 56))).AddTicks(random.Next(10_000_000));

        ProvValue Value() => random.Next(7) switch
        {
            0 => ProvValue.String(Text(12)),
            1 => ProvValue.LangString(Text(6), "en-GB"),
            2 => ProvValue.Double(random.NextDouble() * Math.Pow(10, random.Next(-300, 300))),
            3 => ProvValue.Long(random.NextInt64(long.MinValue, long.MaxValue)),
            4 => ProvValue.Boolean(random.Next(2) == 0),
            5 => ProvValue.QualifiedName(Name()),
            _ => ProvValue.DateTime(Time() ?? DateTimeOffset.UnixEpoch),
        };

        ProvAttribute[] Attributes() => [.. Enumerable.Range(0, random.Next(4)).Select(_ => new ProvAttribute(Name(), Value()))];

        for (var i = random.Next(1, 20); i > 0; i--)
        {
            switch (random.Next(4))
            {
                case 0:
                    doc.Entity(Name(), Attributes());
                    break;
                case 1:
                    var start = Time();
                    doc.Activity(ns[0]["activity" + i], start, start?.AddSeconds(random.Next(1000)), Attributes());
                    break;
                case 2:
                    doc.Agent(Name(), Attributes());
                    break;
                default:
                    var kind = (ProvRelationKind)random.Next(14);
                    var shape = RelationShape.Of(kind);
                    var terms = shape.Terms.Select(t => t.Required || random.Next(2) == 0 ? Name() : (QualifiedName?)null).ToArray();
                    doc.Add(ProvRelation.Create(kind, terms, shape.HasTime ? Time() : null,
                        shape.HasIdAndAttributes && random.Next(2) == 0 ? Name() : null, shape.HasIdAndAttributes ? Attributes() : null));
                    break;
            }
        }

        return doc;
    }
}

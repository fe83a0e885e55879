using System.Globalization;
using System.Text;

namespace Stoa.Provenance;

/// <summary>
/// PROV-O writer for Turtle and N-Triples, streamed statement by statement. A relation is written as its direct
/// property (<c>:e prov:wasGeneratedBy :a</c>) when that says everything, else as a qualified node
/// (<c>prov:qualifiedGeneration [ prov:activity …; prov:atTime …; prov:hadRole … ]</c>), the form PROV-O defines for
/// relations with a time, role, identifier or attributes.
/// </summary>
internal sealed class RdfSink(Stream output, bool turtle) : ProvSink
{
    private const string ProvUri = "http://www.w3.org/ns/prov#";
    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private const string RdfsLabel = "http://www.w3.org/2000/01/rdf-schema#label";
    private const string XsdUri = "http://www.w3.org/2001/XMLSchema#";

    private readonly StreamWriter _w = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    private readonly StringBuilder _sb = new(256);
    private readonly Dictionary<string, string> _prefixByUri = new(StringComparer.Ordinal);
    private long _blank;

    public override void StartDocument(IReadOnlyList<ProvNamespace> namespaces)
    {
        DeclarePrefix("prov", ProvUri);
        DeclarePrefix("xsd", XsdUri);
        DeclarePrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        foreach (var ns in namespaces)
        {
            DeclarePrefix(ns.Prefix, ns.Uri);
        }

        if (turtle)
        {
            _w.WriteLine();
        }
    }

    public override void StartBundle(QualifiedName id, IReadOnlyList<ProvNamespace> namespaces)
    {
        // Turtle has no named graphs: the bundle becomes a prov:Bundle entity and its statements join the graph.
        foreach (var ns in namespaces)
        {
            DeclarePrefix(ns.Prefix, ns.Uri);
        }

        Triple(Iri(id.Uri), Iri(RdfType), Iri(ProvUri + "Bundle"));
        Triple(Iri(id.Uri), Iri(RdfType), Iri(ProvUri + "Entity"));
    }

    public override void EndBundle()
    {
    }

    public override void EndDocument() => _w.Flush();

    public override void Dispose() => _w.Dispose();

    public override void Write(ProvRecord record)
    {
        switch (record)
        {
            case ProvEntity e:
                WriteElement(e.Id, "Entity", e.Attributes);
                break;
            case ProvAgent g:
                WriteElement(g.Id, "Agent", g.Attributes);
                break;
            case ProvActivity a:
                WriteElement(a.Id, "Activity", a.Attributes);
                if (a.StartTime is { } s)
                {
                    Triple(Iri(a.Id.Uri), Iri(ProvUri + "startedAtTime"), DateTime(s));
                }

                if (a.EndTime is { } en)
                {
                    Triple(Iri(a.Id.Uri), Iri(ProvUri + "endedAtTime"), DateTime(en));
                }

                break;
            case ProvRelation r:
                WriteRelation(r);
                break;
        }
    }

    private void WriteElement(QualifiedName id, string cls, IReadOnlyList<ProvAttribute> attributes)
    {
        var subject = Iri(id.Uri);
        Triple(subject, Iri(RdfType), Iri(ProvUri + cls));
        WriteAttributes(subject, attributes);
    }

    private void WriteRelation(ProvRelation r)
    {
        var shape = r.Shape;
        var subject = Iri(r.Terms[0]!.Value.Uri);
        var needsQualified = shape.RdfQualified is not null
            && (r.Id is not null || r.Time is not null || r.Attributes.Count > 0 || r.Terms[1] is null
                || r.Terms.Skip(2).Any(t => t is not null));
        if (!needsQualified)
        {
            Triple(subject, Iri(ProvUri + shape.RdfDirect), Iri(r.Terms[1]!.Value.Uri));
            return;
        }

        var node = r.Id is { } id ? Iri(id.Uri) : "_:q" + (++_blank).ToString(CultureInfo.InvariantCulture);
        Triple(subject, Iri(ProvUri + shape.RdfQualified), node);
        Triple(node, Iri(RdfType), Iri(ProvUri + shape.RdfClass));
        for (var i = 1; i < shape.Terms.Length; i++)
        {
            if (r.Terms[i] is { } t)
            {
                Triple(node, Iri(ProvUri + shape.Terms[i].RdfProperty), Iri(t.Uri));
            }
        }

        if (r.Time is { } time)
        {
            Triple(node, Iri(ProvUri + "atTime"), DateTime(time));
        }

        WriteAttributes(node, r.Attributes);
    }

    private void WriteAttributes(string subject, IReadOnlyList<ProvAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            var predicate = a.Name.Uri switch
            {
                ProvUri + "type" => RdfType,
                ProvUri + "label" => RdfsLabel,
                ProvUri + "location" => ProvUri + "atLocation",
                ProvUri + "role" => ProvUri + "hadRole",
                var other => other,
            };
            Triple(subject, Iri(predicate), Object(a.Value));
        }
    }

    private string Object(ProvValue value)
    {
        if (value.Name is { } qn)
        {
            return Iri(qn.Uri);
        }

        var literal = Quote(value.Lexical);
        if (value.Language is { } lang)
        {
            return literal + "@" + lang;
        }

        return value.Datatype is { } dt ? literal + "^^" + Iri(dt.Uri) : literal;
    }

    private string DateTime(DateTimeOffset time) => Quote(ProvTime.Format(time)) + "^^" + Iri(XsdUri + "dateTime");

    private void DeclarePrefix(string prefix, string uri)
    {
        if (_prefixByUri.ContainsKey(uri) || _prefixByUri.ContainsValue(prefix))
        {
            return;
        }

        _prefixByUri[uri] = prefix;
        if (turtle)
        {
            _w.WriteLine($"@prefix {prefix}: <{EscapeIri(uri)}> .");
        }
    }

    /// <summary>A prefixed name in Turtle when the local part is plainly safe, else a full IRI.</summary>
    private string Iri(string uri)
    {
        if (turtle)
        {
            var cut = Math.Max(uri.LastIndexOf('#'), uri.LastIndexOf('/')) + 1;
            if (cut > 0 && _prefixByUri.TryGetValue(uri[..cut], out var prefix) && IsSafeLocal(uri.AsSpan(cut)))
            {
                return prefix + ":" + uri[cut..];
            }
        }

        return "<" + EscapeIri(uri) + ">";
    }

    private static bool IsSafeLocal(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty || !char.IsAsciiLetterOrDigit(local[0]))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string EscapeIri(string uri)
    {
        var bad = ProvSyntax.FindForbiddenIriChar(uri);
        return bad < 0 ? uri : throw new ProvValidationException($"<{uri}> cannot be written as an IRI (character U+{(int)uri[bad]:X4}).");
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    private void Triple(string s, string p, string o)
    {
        _sb.Clear().Append(s).Append(' ').Append(p).Append(' ').Append(o).Append(" .");
        _w.WriteLine(_sb);
    }
}

using System.Globalization;
using System.Text;

namespace Stoa.Provenance;

/// <summary>
/// PROV-O writer for Turtle and N-Triples, streamed statement by statement straight into the output. A relation is
/// written as its direct property (<c>:e prov:wasGeneratedBy :a</c>) when that says everything, else as a qualified
/// node (<c>prov:qualifiedGeneration [ prov:activity …; prov:atTime …; prov:hadRole … ]</c>), the form PROV-O defines
/// for relations with a time, role, identifier or attributes.
/// </summary>
internal sealed class RdfSink(Stream output, bool turtle) : ProvSink
{
    private const string ProvUri = "http://www.w3.org/ns/prov#";
    private const string XsdUri = "http://www.w3.org/2001/XMLSchema#";

    private static readonly ProvNamespace Rdf = new("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    private static readonly ProvNamespace Rdfs = new("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
    private static readonly ProvNamespace Prov = ProvVocabulary.Prov;

    private readonly StreamWriter _w = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    private readonly Dictionary<string, string> _prefixByUri = new(StringComparer.Ordinal);
    private readonly char[] _time = new char[48];
    private long _blank;

    public override void StartDocument(IReadOnlyList<ProvNamespace> namespaces)
    {
        DeclarePrefix(Prov);
        DeclarePrefix(ProvVocabulary.Xsd);
        DeclarePrefix(Rdfs);
        foreach (var ns in namespaces)
        {
            DeclarePrefix(ns);
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
            DeclarePrefix(ns);
        }

        Subject(id);
        Predicate(Rdf["type"]);
        ObjectName(Prov["Bundle"]);
        End();
        Subject(id);
        Predicate(Rdf["type"]);
        ObjectName(Prov["Entity"]);
        End();
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
                    Subject(a.Id);
                    Predicate(Prov["startedAtTime"]);
                    Time(s);
                    End();
                }

                if (a.EndTime is { } en)
                {
                    Subject(a.Id);
                    Predicate(Prov["endedAtTime"]);
                    Time(en);
                    End();
                }

                break;
            case ProvRelation r:
                WriteRelation(r);
                break;
        }
    }

    private void WriteElement(QualifiedName id, string cls, IReadOnlyList<ProvAttribute> attributes)
    {
        Subject(id);
        Predicate(Rdf["type"]);
        ObjectName(Prov[cls]);
        End();
        for (var i = 0; i < attributes.Count; i++)
        {
            Subject(id);
            Attribute(attributes[i]);
        }
    }

    private void WriteRelation(ProvRelation r)
    {
        var shape = r.Shape;
        var subject = r.Terms[0]!.Value;
        var needsQualified = shape.RdfQualified is not null
            && (r.Id is not null || r.Time is not null || r.Attributes.Count > 0 || r.Terms[1] is null || AnyAfterSecond(r));
        if (!needsQualified)
        {
            Subject(subject);
            Predicate(Prov[shape.RdfDirect]);
            ObjectName(r.Terms[1]!.Value);
            End();
            return;
        }

        var blank = r.Id is null ? ++_blank : 0;
        void Node()
        {
            if (r.Id is { } id)
            {
                Subject(id);
            }
            else
            {
                _w.Write("_:q");
                _w.Write(blank.ToString(CultureInfo.InvariantCulture));
            }
        }

        Subject(subject);
        Predicate(Prov[shape.RdfQualified!]);
        if (r.Id is { } rid)
        {
            ObjectName(rid);
        }
        else
        {
            _w.Write("_:q");
            _w.Write(blank.ToString(CultureInfo.InvariantCulture));
        }

        End();
        Node();
        Predicate(Rdf["type"]);
        ObjectName(Prov[shape.RdfClass!]);
        End();
        for (var i = 1; i < shape.Terms.Length; i++)
        {
            if (r.Terms[i] is { } t)
            {
                Node();
                Predicate(Prov[shape.Terms[i].RdfProperty]);
                ObjectName(t);
                End();
            }
        }

        if (r.Time is { } time)
        {
            Node();
            Predicate(Prov["atTime"]);
            Time(time);
            End();
        }

        for (var i = 0; i < r.Attributes.Count; i++)
        {
            Node();
            Attribute(r.Attributes[i]);
        }
    }

    private static bool AnyAfterSecond(ProvRelation r)
    {
        for (var i = 2; i < r.Terms.Count; i++)
        {
            if (r.Terms[i] is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes predicate and object of one attribute, PROV attributes mapped to their PROV-O properties.</summary>
    private void Attribute(ProvAttribute a)
    {
        var name = a.Name;
        if (ReferenceEquals(name.Namespace, Prov) || name.Namespace.Uri == ProvUri)
        {
            name = name.LocalPart switch
            {
                "type" => Rdf["type"],
                "label" => Rdfs["label"],
                "location" => Prov["atLocation"],
                "role" => Prov["hadRole"],
                _ => name,
            };
        }

        Predicate(name);
        var value = a.Value;
        if (value.Name is { } qn)
        {
            ObjectName(qn);
        }
        else
        {
            Quote(value.Lexical);
            if (value.Language is { } lang)
            {
                _w.Write('@');
                _w.Write(lang);
            }
            else if (value.Datatype is { } dt)
            {
                _w.Write("^^");
                Name(dt);
            }
        }

        End();
    }

    private void Time(DateTimeOffset time)
    {
        _w.Write('"');
        _w.Write(_time, 0, ProvTime.Format(time, _time));
        _w.Write("\"^^");
        Name(ProvVocabulary.Xsd["dateTime"]);
    }

    private void Subject(QualifiedName name) => Name(name);

    private void Predicate(QualifiedName name)
    {
        _w.Write(' ');
        Name(name);
        _w.Write(' ');
    }

    private void ObjectName(QualifiedName name) => Name(name);

    private void End() => _w.Write(" .\n");

    private void DeclarePrefix(ProvNamespace ns)
    {
        if (_prefixByUri.ContainsKey(ns.Uri) || _prefixByUri.ContainsValue(ns.Prefix))
        {
            return;
        }

        CheckIri(ns.Uri);
        _prefixByUri[ns.Uri] = ns.Prefix;
        if (turtle)
        {
            _w.WriteLine($"@prefix {ns.Prefix}: <{ns.Uri}> .");
        }
    }

    /// <summary>A prefixed name in Turtle when the namespace is declared and the local part plainly safe, else a full IRI.</summary>
    private void Name(QualifiedName name)
    {
        if (turtle && IsSafeLocal(name.LocalPart) && _prefixByUri.TryGetValue(name.Namespace.Uri, out var prefix))
        {
            _w.Write(prefix);
            _w.Write(':');
            _w.Write(name.LocalPart);
            return;
        }

        if (ProvSyntax.FindForbiddenIriChar(name.LocalPart) is var bad and >= 0)
        {
            throw new ProvValidationException($"<{name.Uri}> cannot be written as an IRI (character U+{(int)name.LocalPart[bad]:X4}).");
        }

        if (!_prefixByUri.ContainsKey(name.Namespace.Uri))
        {
            CheckIri(name.Namespace.Uri);
        }

        _w.Write('<');
        _w.Write(name.Namespace.Uri);
        _w.Write(name.LocalPart);
        _w.Write('>');
    }

    private static void CheckIri(string uri)
    {
        var bad = ProvSyntax.FindForbiddenIriChar(uri);
        if (bad >= 0)
        {
            throw new ProvValidationException($"<{uri}> cannot be written as an IRI (character U+{(int)uri[bad]:X4}).");
        }
    }

    private static bool IsSafeLocal(string local)
    {
        if (local.Length == 0 || !char.IsAsciiLetterOrDigit(local[0]))
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

    private void Quote(string s)
    {
        _w.Write('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is not ('"' or '\\' or '\n' or '\r' or '\t') && c >= ' ')
            {
                continue;
            }

            _w.Write(s.AsSpan(start, i - start));
            _w.Write(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
            start = i + 1;
        }

        _w.Write(s.AsSpan(start));
        _w.Write('"');
    }
}

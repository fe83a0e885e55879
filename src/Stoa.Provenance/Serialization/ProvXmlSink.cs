using System.Text;
using System.Xml;

namespace Stoa.Provenance;

/// <summary>
/// PROV-XML writer, streamed with <see cref="XmlWriter"/>. Elements are written as their base kind with
/// <c>prov:type</c> children (never as subtype elements such as <c>prov:softwareAgent</c>), so a reader sees the same
/// attributes as in PROV-JSON. Children follow the schema order: terms, times, label, location, role, type, value, others.
/// </summary>
internal sealed class ProvXmlSink(Stream output) : ProvSink
{
    private const string ProvUri = "http://www.w3.org/ns/prov#";
    private const string XsdXmlUri = "http://www.w3.org/2001/XMLSchema";
    private const string XsiUri = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly string[] SchemaOrder = ["label", "location", "role", "type", "value"];

    private readonly XmlWriter _w = XmlWriter.Create(output, new XmlWriterSettings
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        CloseOutput = false,
        NewLineChars = "\n",
    });

    public override void StartDocument(IReadOnlyList<ProvNamespace> namespaces)
    {
        _w.WriteStartDocument();
        _w.WriteStartElement("prov", "document", ProvUri);
        _w.WriteAttributeString("xmlns", "xsd", null, XsdXmlUri);
        _w.WriteAttributeString("xmlns", "xsi", null, XsiUri);
        DeclareNamespaces(namespaces);
    }

    public override void StartBundle(QualifiedName id, IReadOnlyList<ProvNamespace> namespaces)
    {
        _w.WriteStartElement("prov", "bundleContent", ProvUri);
        DeclareNamespaces(namespaces);
        _w.WriteAttributeString("prov", "id", ProvUri, id.ToString());
    }

    public override void EndBundle() => _w.WriteEndElement();

    public override void EndDocument()
    {
        _w.WriteEndElement();
        _w.WriteEndDocument();
        _w.Flush();
    }

    public override void Dispose() => _w.Dispose();

    public override void Write(ProvRecord record)
    {
        switch (record)
        {
            case ProvEntity e:
                Start("entity", e.Id);
                break;
            case ProvAgent g:
                Start("agent", g.Id);
                break;
            case ProvActivity a:
                Start("activity", a.Id);
                if (a.StartTime is { } s)
                {
                    _w.WriteElementString("prov", "startTime", ProvUri, ProvTime.Format(s));
                }

                if (a.EndTime is { } en)
                {
                    _w.WriteElementString("prov", "endTime", ProvUri, ProvTime.Format(en));
                }

                break;
            case ProvRelation r:
                Start(r.Shape.Keyword, r.Id);
                for (var i = 0; i < r.Terms.Count; i++)
                {
                    if (r.Terms[i] is { } t)
                    {
                        _w.WriteStartElement("prov", r.Shape.Terms[i].Name, ProvUri);
                        QNameAttribute("ref", t);
                        _w.WriteEndElement();
                    }
                }

                if (r.Time is { } time)
                {
                    _w.WriteElementString("prov", "time", ProvUri, ProvTime.Format(time));
                }

                break;
        }

        // Schema order; most records are already in it, so only sort (stably) when they are not.
        var attributes = record.Attributes;
        var sorted = true;
        for (var i = 1; i < attributes.Count && sorted; i++)
        {
            sorted = SchemaRank(attributes[i - 1]) <= SchemaRank(attributes[i]);
        }

        if (sorted)
        {
            for (var i = 0; i < attributes.Count; i++)
            {
                WriteAttribute(attributes[i]);
            }
        }
        else
        {
            foreach (var attribute in attributes.OrderBy(SchemaRank))
            {
                WriteAttribute(attribute);
            }
        }

        _w.WriteEndElement();
    }

    private static int SchemaRank(ProvAttribute attribute)
    {
        if (attribute.Name.Namespace.Uri != ProvUri)
        {
            return SchemaOrder.Length;
        }

        var i = Array.IndexOf(SchemaOrder, attribute.Name.LocalPart);
        return i < 0 ? SchemaOrder.Length : i;
    }

    private void Start(string element, QualifiedName? id)
    {
        _w.WriteStartElement("prov", element, ProvUri);
        if (id is { } i)
        {
            QNameAttribute("id", i);
        }
    }

    private void QNameAttribute(string name, QualifiedName value)
    {
        _w.WriteStartAttribute("prov", name, ProvUri);
        _w.WriteString(value.Namespace.Prefix);
        _w.WriteString(":");
        _w.WriteString(value.LocalPart);
        _w.WriteEndAttribute();
    }

    private void WriteAttribute(ProvAttribute attribute)
    {
        var name = attribute.Name;
        if (!IsNcName(name.LocalPart))
        {
            throw new ProvValidationException($"Attribute {name}: '{name.LocalPart}' is not an XML name, so PROV-XML cannot carry it.");
        }

        _w.WriteStartElement(name.Namespace.Prefix, name.LocalPart, XmlNamespace(name.Namespace));
        var value = attribute.Value;
        if (value.Name is { } qn)
        {
            _w.WriteAttributeString("xsi", "type", XsiUri, "xsd:QName");
            _w.WriteString(qn.ToString());
        }
        else
        {
            if (value.Language is { } lang)
            {
                _w.WriteAttributeString("xml", "lang", null, lang);
            }
            else if (value.Datatype is { } dt)
            {
                _w.WriteAttributeString("xsi", "type", XsiUri, dt.ToString());
            }

            _w.WriteString(value.Lexical);
        }

        _w.WriteEndElement();
    }

    private void DeclareNamespaces(IReadOnlyList<ProvNamespace> namespaces)
    {
        foreach (var ns in namespaces)
        {
            _w.WriteAttributeString("xmlns", ns.Prefix, null, ns.Uri);
        }
    }

    /// <summary>In XML the xsd prefix stands for the schema URI without '#'.</summary>
    private static string XmlNamespace(ProvNamespace ns) => ns.Prefix == "xsd" && ns.Uri == ProvVocabulary.Xsd.Uri ? XsdXmlUri : ns.Uri;

    private static bool IsNcName(string local)
    {
        try
        {
            XmlConvert.VerifyNCName(local);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}

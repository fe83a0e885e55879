using System.Text;
using System.Xml;
using Stoa.Worktables.Vo.Adql;
using Stoa.Worktables.Vo.Tap;

namespace Stoa.Worktables.Vo.Vosi;

/// <summary>
/// The VOSI 1.1 documents of the TAP service (tables, capabilities, availability) and its VOResource 1.1 record
/// (a <c>vs:CatalogService</c> with the TAP capability and the tableset), written with an <see cref="XmlWriter"/>.
/// </summary>
internal static class VosiDocuments
{
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Vs = "http://www.ivoa.net/xml/VODataService/v1.1";
    private const string Vr = "http://www.ivoa.net/xml/VOResource/v1.0";
    private const string Tr = "http://www.ivoa.net/xml/TAPRegExt/v1.0";
    private const string Cs = "http://www.ivoa.net/xml/ConeSearch/v1.0";

    public static void Tables(Stream stream, IReadOnlyList<AdqlTable> tables) => Document(stream, w =>
    {
        w.WriteStartElement("vosi", "tableset", "http://www.ivoa.net/xml/VOSITables/v1.0");
        Namespaces(w);
        TableSet(w, tables);
        w.WriteEndElement();
    });

    public static void Availability(Stream stream) => Document(stream, w =>
    {
        w.WriteStartElement("vosi", "availability", "http://www.ivoa.net/xml/VOSIAvailability/v1.0");
        w.WriteElementString("vosi", "available", "http://www.ivoa.net/xml/VOSIAvailability/v1.0", "true");
        w.WriteElementString("vosi", "note", "http://www.ivoa.net/xml/VOSIAvailability/v1.0", "the service answers while stoa serve runs");
        w.WriteEndElement();
    });

    public static void Capabilities(Stream stream, Uri tap, IReadOnlyList<(string Table, Uri Scs)> cones) => Document(stream, w =>
    {
        w.WriteStartElement("vosi", "capabilities", "http://www.ivoa.net/xml/VOSICapabilities/v1.0");
        Namespaces(w);
        CapabilityList(w, tap, cones);
        w.WriteEndElement();
    });

    public static void Resource(Stream stream, Uri tap, IReadOnlyList<(string Table, Uri Scs)> cones, IReadOnlyList<AdqlTable> tables, DateTime updatedUtc) => Document(stream, w =>
    {
        w.WriteStartElement("ri", "Resource", "http://www.ivoa.net/xml/RegistryInterface/v1.0");
        Namespaces(w);
        w.WriteAttributeString("xsi", "type", Xsi, "vs:CatalogService");
        w.WriteAttributeString("created", updatedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("updated", updatedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("status", "active");
        w.WriteElementString("title", "Stoa worktables at " + tap.Authority);
        w.WriteElementString("shortName", "stoa");
        w.WriteElementString("identifier", $"ivo://{tap.Host}/stoa/tap");
        w.WriteStartElement("curation");
        w.WriteElementString("publisher", "the Owners of the published worktables");
        w.WriteStartElement("contact");
        w.WriteElementString("name", "the operator of " + tap.Authority);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("content");
        w.WriteElementString("subject", "astronomy");
        w.WriteElementString("description", "Worktables (one row per CWL workflow run) published by their Owners, answering TAP/ADQL and Simple Cone Search.");
        w.WriteElementString("referenceURL", tap.ToString());
        w.WriteElementString("type", "Catalog");
        w.WriteEndElement();
        CapabilityList(w, tap, cones);
        w.WriteStartElement("tableset");
        TableSet(w, tables);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static void Namespaces(XmlWriter w)
    {
        w.WriteAttributeString("xmlns", "xsi", null, Xsi);
        w.WriteAttributeString("xmlns", "vs", null, Vs);
        w.WriteAttributeString("xmlns", "vr", null, Vr);
        w.WriteAttributeString("xmlns", "tr", null, Tr);
        w.WriteAttributeString("xmlns", "cs", null, Cs);
    }

    private static void TableSet(XmlWriter w, IReadOnlyList<AdqlTable> tables)
    {
        foreach (var schema in tables.GroupBy(t => t.Schema))
        {
            w.WriteStartElement("schema");
            w.WriteElementString("name", schema.Key);
            foreach (var t in schema)
            {
                w.WriteStartElement("table");
                w.WriteElementString("name", TapSchema.QualifiedName(t));
                if (t.Description is { } d)
                {
                    w.WriteElementString("description", d);
                }

                foreach (var c in t.Columns)
                {
                    w.WriteStartElement("column");
                    w.WriteElementString("name", c.Name);
                    Optional(w, "description", c.Description);
                    Optional(w, "unit", c.Unit);
                    Optional(w, "ucd", c.Ucd);
                    w.WriteStartElement("dataType");
                    w.WriteAttributeString("xsi", "type", Xsi, "vs:VOTableType");
                    if (c.Kind == Export.ExportKind.Text)
                    {
                        w.WriteAttributeString("arraysize", "*");
                    }

                    w.WriteString(TapSchema.Datatype(c.Kind));
                    w.WriteEndElement();
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
    }

    private static void CapabilityList(XmlWriter w, Uri tap, IReadOnlyList<(string Table, Uri Scs)> cones)
    {
        var baseUrl = tap.ToString().TrimEnd('/');
        w.WriteStartElement("capability");
        w.WriteAttributeString("standardID", "ivo://ivoa.net/std/TAP");
        w.WriteAttributeString("xsi", "type", Xsi, "tr:TableAccess");
        Interface(w, baseUrl, "std", "1.1", "base");
        w.WriteStartElement("language");
        w.WriteElementString("name", "ADQL");
        w.WriteStartElement("version");
        w.WriteAttributeString("ivo-id", "ivo://ivoa.net/std/ADQL#v2.1");
        w.WriteString("2.1");
        w.WriteEndElement();
        w.WriteElementString("description", "ADQL 2.1: SELECT [DISTINCT] [TOP], joins, WHERE, GROUP BY/HAVING, ORDER BY, OFFSET; math functions; geometry with great-circle distances");
        w.WriteStartElement("languageFeatures");
        w.WriteAttributeString("type", "ivo://ivoa.net/std/TAPRegExt#features-adqlgeo");
        foreach (var f in new[] { "POINT", "CIRCLE", "BOX", "POLYGON", "CONTAINS", "INTERSECTS", "DISTANCE", "COORD1", "COORD2" })
        {
            w.WriteStartElement("feature");
            w.WriteElementString("form", f);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        foreach (var (mime, alias) in new[] { ("application/x-votable+xml", "votable"), ("application/x-votable+xml;serialization=binary2", "votable/b2"), ("text/csv", "csv") })
        {
            w.WriteStartElement("outputFormat");
            w.WriteElementString("mime", mime);
            w.WriteElementString("alias", alias);
            w.WriteEndElement();
        }

        w.WriteStartElement("retentionPeriod");
        w.WriteElementString("default", "86400");
        w.WriteEndElement();
        foreach (var (element, value) in new[] { ("default", TapQueryOptions.DefaultLimit), ("hard", TapQueryOptions.HardLimit) })
        {
            if (element == "default")
            {
                w.WriteStartElement("outputLimit");
            }

            w.WriteStartElement(element);
            w.WriteAttributeString("unit", "row");
            w.WriteString(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }

        w.WriteEndElement(); // outputLimit
        w.WriteEndElement(); // capability
        foreach (var (standard, path) in new[] { ("ivo://ivoa.net/std/VOSI#capabilities", "/capabilities"), ("ivo://ivoa.net/std/VOSI#availability", "/availability"), ("ivo://ivoa.net/std/VOSI#tables-1.1", "/tables") })
        {
            w.WriteStartElement("capability");
            w.WriteAttributeString("standardID", standard);
            Interface(w, baseUrl + path, null, null, "full");
            w.WriteEndElement();
        }

        foreach (var (table, scs) in cones)
        {
            w.WriteStartElement("capability");
            w.WriteAttributeString("standardID", "ivo://ivoa.net/std/ConeSearch");
            w.WriteAttributeString("xsi", "type", Xsi, "cs:ConeSearch");
            w.WriteElementString("description", $"Simple Cone Search 1.03 over the published table {table}");
            Interface(w, scs.ToString(), "std", null, "base");
            w.WriteElementString("maxSR", "180");
            w.WriteElementString("maxRecords", TapQueryOptions.HardLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteElementString("verbosity", "false");
            w.WriteEndElement();
        }
    }

    private static void Interface(XmlWriter w, string url, string? role, string? version, string use)
    {
        w.WriteStartElement("interface");
        w.WriteAttributeString("xsi", "type", Xsi, "vs:ParamHTTP");
        if (role is not null)
        {
            w.WriteAttributeString("role", role);
        }

        if (version is not null)
        {
            w.WriteAttributeString("version", version);
        }

        w.WriteStartElement("accessURL");
        w.WriteAttributeString("use", use);
        w.WriteString(url);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string element, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(element, value);
        }
    }

    private static void Document(Stream stream, Action<XmlWriter> body)
    {
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false });
        w.WriteStartDocument();
        body(w);
        w.WriteEndDocument();
    }
}

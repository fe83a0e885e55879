namespace Stoa.Provenance;

/// <summary>The namespaces every PROV serialisation predeclares, and the PROV attribute names.</summary>
public static class ProvVocabulary
{
    /// <summary>The PROV namespace, <c>prov</c> = <c>http://www.w3.org/ns/prov#</c>.</summary>
    public static ProvNamespace Prov { get; } = new("prov", "http://www.w3.org/ns/prov#");

    /// <summary>XML Schema datatypes, <c>xsd</c> = <c>http://www.w3.org/2001/XMLSchema#</c>.</summary>
    public static ProvNamespace Xsd { get; } = new("xsd", "http://www.w3.org/2001/XMLSchema#");

    /// <summary><c>prov:type</c>.</summary>
    public static QualifiedName Type => Prov["type"];

    /// <summary><c>prov:label</c>.</summary>
    public static QualifiedName Label => Prov["label"];

    /// <summary><c>prov:value</c>.</summary>
    public static QualifiedName Value => Prov["value"];

    /// <summary><c>prov:role</c>.</summary>
    public static QualifiedName Role => Prov["role"];

    /// <summary><c>prov:location</c>.</summary>
    public static QualifiedName Location => Prov["location"];

    internal static bool IsPredeclared(ProvNamespace ns) => ns == Prov || ns == Xsd;
}

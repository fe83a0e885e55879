namespace Stoa.Provenance;

/// <summary>A PROV qualified name: a namespace and a local part, standing for the URI <c>Namespace.Uri + LocalPart</c>.</summary>
/// <param name="Namespace">The namespace; a document using the name must declare it (prov and xsd are predeclared).</param>
/// <param name="LocalPart">The local part.</param>
public readonly record struct QualifiedName(ProvNamespace Namespace, string LocalPart)
{
    /// <summary>The full URI this name stands for.</summary>
    public string Uri => Namespace.Uri + LocalPart;

    /// <summary>The <c>prefix:local</c> form.</summary>
    public override string ToString() => Namespace.Prefix + ":" + LocalPart;
}

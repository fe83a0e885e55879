namespace Stoa.Provenance;

/// <summary>A namespace: a prefix bound to a URI, from which qualified names are made.</summary>
/// <param name="Prefix">The prefix, e.g. <c>wfprov</c>; must be a valid PROV-N / XML prefix.</param>
/// <param name="Uri">The namespace URI, e.g. <c>http://purl.org/wf4ever/wfprov#</c>.</param>
public sealed record ProvNamespace(string Prefix, string Uri)
{
    /// <summary>Makes the qualified name <c>Prefix:localPart</c> in this namespace.</summary>
    /// <param name="localPart">The local part; any characters (writers escape what their syntax needs).</param>
    public QualifiedName this[string localPart] => new(this, localPart);

    /// <inheritdoc />
    public override string ToString() => $"{Prefix} <{Uri}>";
}

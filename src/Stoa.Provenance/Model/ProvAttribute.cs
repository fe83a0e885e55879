namespace Stoa.Provenance;

/// <summary>One attribute-value pair of a PROV record; a record may repeat a name (e.g. several <c>prov:type</c>).</summary>
/// <param name="Name">The attribute name, e.g. <c>prov:type</c> or <c>ivoa:unit</c>.</param>
/// <param name="Value">The value.</param>
public readonly record struct ProvAttribute(QualifiedName Name, ProvValue Value);

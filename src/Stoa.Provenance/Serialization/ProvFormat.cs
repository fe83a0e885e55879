namespace Stoa.Provenance;

/// <summary>The serialisations <see cref="ProvenanceWriter"/> writes.</summary>
public enum ProvFormat
{
    /// <summary>PROV-JSON (W3C member submission 2013), <c>.json</c>.</summary>
    Json,

    /// <summary>PROV-N (W3C recommendation), <c>.provn</c>.</summary>
    ProvN,

    /// <summary>PROV-O as RDF Turtle, <c>.ttl</c>. Bundles are flattened (Turtle has no named graphs) and typed <c>prov:Bundle</c>.</summary>
    Turtle,

    /// <summary>PROV-O as RDF N-Triples, <c>.nt</c>; bundles as for Turtle.</summary>
    NTriples,

    /// <summary>PROV-XML (W3C note), <c>.xml</c>.</summary>
    Xml,
}

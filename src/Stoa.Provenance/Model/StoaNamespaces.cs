namespace Stoa.Provenance;

/// <summary>The vocabularies Stoa's provenance uses besides prov and xsd.</summary>
public static class StoaNamespaces
{
    /// <summary><c>wfprov</c>: workflow runs and process runs (Wf4Ever, used by CWLProv).</summary>
    public static ProvNamespace WfProv { get; } = new("wfprov", "http://purl.org/wf4ever/wfprov#");

    /// <summary><c>wfdesc</c>: workflow and process descriptions (plans).</summary>
    public static ProvNamespace WfDesc { get; } = new("wfdesc", "http://purl.org/wf4ever/wfdesc#");

    /// <summary><c>cwlprov</c>: CWLProv terms.</summary>
    public static ProvNamespace CwlProv { get; } = new("cwlprov", "https://w3id.org/cwl/prov#");

    /// <summary><c>schema</c>: schema.org.</summary>
    public static ProvNamespace Schema { get; } = new("schema", "http://schema.org/");

    /// <summary><c>orcid</c>: ORCID identifiers of people.</summary>
    public static ProvNamespace Orcid { get; } = new("orcid", "https://orcid.org/");

    /// <summary><c>data</c>: files by content, <c>urn:hash::sha1:</c> followed by the SHA-1 in hex.</summary>
    public static ProvNamespace Data { get; } = new("data", "urn:hash::sha1:");

    /// <summary><c>id</c>: <c>urn:uuid:</c> identifiers of runs, agents and values.</summary>
    public static ProvNamespace Uuid { get; } = new("id", "urn:uuid:");

    /// <summary><c>stoa</c>: Stoa's own terms (worktable rows, exit codes, states).</summary>
    public static ProvNamespace Stoa { get; } = new("stoa", "https://github.com/stoa-astro/stoa/ns/prov#");

    /// <summary><c>voprov</c>: IVOA Provenance DM attributes (units, UCDs).</summary>
    public static ProvNamespace VoProv { get; } = new("voprov", "http://www.ivoa.net/documents/ProvenanceDM/ns/voprov/");
}

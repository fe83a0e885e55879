namespace Stoa.Provenance;

/// <summary>CWLProv provenance of CWL runs, and research objects of them.</summary>
public static partial class CwlProvenance
{
    internal static CwlProvenanceResult Map(CwlRunFacts run, CwlProvenanceOptions? options = null) =>
        new CwlProvMapper(run, options ?? new CwlProvenanceOptions()).Map();
}

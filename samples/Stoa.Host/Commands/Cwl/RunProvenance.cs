using Stoa.Cwl;
using Stoa.Provenance;

namespace Stoa.Host.Commands.Cwl;

/// <summary>`stoa cwl run --provenance DIR`: the run's CWLProv research object, as cwltool's option of that name.</summary>
internal static partial class RunProvenance
{
    /// <summary>Checked before the run, so that a typo does not cost a whole run's provenance.</summary>
    public static bool IsOrcid(string text) => OrcidPattern().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")]
    private static partial System.Text.RegularExpressions.Regex OrcidPattern();

    /// <summary>Writes the bag and returns a one-line description of it for the log.</summary>
    public static string Write(string directory, CwlRunResult result, CwlDocument document, string? orcid)
    {
        // workflow/packed.cwl holds the document's own text: self-contained for a single-file workflow; the
        // files a multi-file workflow runs are named by the plan entities but not packed (Stoa.Cwl has no packer yet).
        var packed = File.Exists(document.SourcePath) ? File.ReadAllText(document.SourcePath) : null;
        var summary = CwlProvenance.WriteResearchObject(directory, result, document, packed,
            new CwlProvenanceOptions { UserOrcid = orcid });
        return $"provenance: research object written to {summary.Directory} ({summary.PayloadFiles} payload files, {summary.PayloadBytes} bytes)";
    }
}

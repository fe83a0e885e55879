using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Stoa.Worktables.Tests.Bundles;

/// <summary>
/// Builds a .wtx the way original STOA writes one: a zip of workflow.cwl, template.yml, table.txt (name/type/UCD
/// header lines, space-separated rows, '-' for empty), tracking.txt, links.txt, the step CWL files and a shell
/// script, and the output files of the COMPLETE rows. Entries can be replaced or removed to make malformed bundles.
/// </summary>
internal sealed class StoaBundle
{
    public const string Workflow = """
        cwlVersion: v1.2
        class: Workflow
        doc: Measures a flux per observation, then writes a one-line report.
        requirements:
          InlineJavascriptRequirement: {}
        inputs:
          obs_id: string
          ra: double
          dec: double
          threshold: int?
          label: string?
        outputs:
          flux:
            type: double
            outputSource: measure/flux
          report:
            type: File
            outputSource: summarize/report
        steps:
          measure:
            run: tools/measure.cwl
            in: {ra: ra, dec: dec, threshold: threshold}
            out: [flux]
          summarize:
            run: tools/summarize.cwl
            in: {obs_id: obs_id, flux: measure/flux, label: label}
            out: [report]
        """;

    public const string Measure = """
        cwlVersion: v1.2
        class: CommandLineTool
        requirements:
          InlineJavascriptRequirement: {}
        baseCommand: [sh]
        inputs:
          script:
            type: File
            default: {class: File, location: ../scripts/measure.sh}
            inputBinding: {position: 0}
          ra: {type: double, inputBinding: {position: 1}}
          dec: {type: double, inputBinding: {position: 2}}
          threshold: {type: int?, inputBinding: {position: 3}}
        stdout: flux.txt
        outputs:
          flux:
            type: double
            outputBinding:
              glob: flux.txt
              loadContents: true
              outputEval: $(parseFloat(self[0].contents))
        """;

    public const string Summarize = """
        cwlVersion: v1.2
        class: CommandLineTool
        baseCommand: [sh, -c, 'echo "$0 $1 $2" > report.txt']
        inputs:
          obs_id: {type: string, inputBinding: {position: 1}}
          flux: {type: double, inputBinding: {position: 2}}
          label: {type: string?, inputBinding: {position: 3}}
        outputs:
          report:
            type: File
            outputBinding: {glob: report.txt}
        """;

    public const string Script = "#!/bin/sh\n# flux = (ra + dec) * threshold\nawk -v a=\"$1\" -v d=\"$2\" -v t=\"${3:-1}\" 'BEGIN { printf \"%.6f\\n\", (a + d) * t }'\n";

    public const string Template = "# defaults for new rows\nthreshold: 1\n";

    public const string Table = """
        # name: obs_id             ra                  dec                  threshold  label                  flux       report
        # type: string             double              double               int?       string?                double     File
        # ucd:  meta.id;meta.main  pos.eq.ra;meta.main pos.eq.dec;meta.main -          meta.note              phot.flux  -
        # unit: -                  deg                 deg                  -          -                      Jy         -
        obs-001  10.5  -3.25  2  "deep field"  14.5  outputs/obs-001/report.txt
        obs-002  20.0  1.0    -  -             -     -
        obs-003  5.0   5.0    4  -             -     -
        obs-004  1.5   0.5    -  "say \"hi\""  2.0   outputs/obs-004/report.txt

        """;

    public const string Tracking = "# row status\n1 COMPLETE\n2 PENDING\n3 PENDING\n4 COMPLETE\n";

    public const string Links = "# child_column parent_table.parent_column\nobs_id  catalog.obs_id  key\nra      catalog.ra\n";

    public Dictionary<string, byte[]> Entries { get; } = new(StringComparer.Ordinal)
    {
        ["workflow.cwl"] = Utf8(Workflow),
        ["tools/measure.cwl"] = Utf8(Measure),
        ["tools/summarize.cwl"] = Utf8(Summarize),
        ["scripts/measure.sh"] = Utf8(Script),
        ["template.yml"] = Utf8(Template),
        ["table.txt"] = Utf8(Table),
        ["tracking.txt"] = Utf8(Tracking),
        ["links.txt"] = Utf8(Links),
        ["outputs/obs-001/report.txt"] = Utf8("obs-001 14.5 deep field\n"),
        ["outputs/obs-004/report.txt"] = Utf8("obs-004 2 say \"hi\"\n"),
    };

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static string Sha256(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    public StoaBundle With(string entry, string content)
    {
        Entries[entry] = Utf8(content);
        return this;
    }

    public StoaBundle Without(string entry)
    {
        Entries.Remove(entry);
        return this;
    }

    /// <summary>Writes the zip; scripts get mode 0755 as STOA's zip keeps them, everything under <paramref name="folder"/> when given.</summary>
    public string Write(string path, string? folder = null)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in Entries)
        {
            var entry = zip.CreateEntry(folder is null ? name : folder + "/" + name);
            entry.ExternalAttributes = ((name.EndsWith(".sh", StringComparison.Ordinal) ? 0x1ED : 0x1A4) | 0x8000) << 16;
            using var s = entry.Open();
            s.Write(bytes);
        }

        return path;
    }
}

using System.Security.Cryptography;
using System.Text.Json;

namespace Stoa.Host.Tests.Cwl;

/// <summary>`stoa cwl run --provenance DIR` writes a CWLProv research object whose manifest matches its files.</summary>
public sealed class CwlRunProvenanceTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("stoa-cwlprov-").FullName;

    [Fact]
    public void Run_WithProvenance_WritesAVerifiableBag()
    {
        File.WriteAllText(Path.Combine(work, "upper.cwl"), """
            cwlVersion: v1.2
            class: CommandLineTool
            baseCommand: [tr, a-z, A-Z]
            stdin: $(inputs.text.path)
            inputs:
              text: File
            stdout: upper.txt
            outputs:
              upper: stdout
            """);
        File.WriteAllText(Path.Combine(work, "in.txt"), "hello\n");

        var (code, stdout, stderr) = StoaProcess.Run(work, null, "cwl", "run", "--provenance", "ro", "--outdir", "out", "upper.cwl", "--text", "in.txt");

        Assert.True(code == 0, stderr);
        Assert.Contains("\"upper\"", stdout, StringComparison.Ordinal);
        var bag = Path.Combine(work, "ro");
        foreach (var name in new[] { "bagit.txt", "manifest-sha1.txt", "metadata/manifest.json", "workflow/packed.cwl",
                     "metadata/provenance/primary.cwlprov.json", "metadata/provenance/primary.cwlprov.provn",
                     "metadata/provenance/primary.cwlprov.ttl", "metadata/provenance/primary.cwlprov.xml" })
        {
            Assert.True(File.Exists(Path.Combine(bag, name)), $"{name} missing from the research object");
        }

        // Every payload line's SHA-1 is the file's; the input and the output are both there by content.
        var lines = File.ReadAllLines(Path.Combine(bag, "manifest-sha1.txt"));
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var (hash, path) = (line[..40], line[42..]);
            Assert.Equal(hash, Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(Path.Combine(bag, path)))));
        }

        var input = Convert.ToHexStringLower(SHA1.HashData("hello\n"u8.ToArray()));
        var output = Convert.ToHexStringLower(SHA1.HashData("HELLO\n"u8.ToArray()));
        Assert.Contains(lines, l => l.StartsWith(input, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(output, StringComparison.Ordinal));
        using var prov = JsonDocument.Parse(File.ReadAllText(Path.Combine(bag, "metadata/provenance/primary.cwlprov.json")));
        Assert.True(prov.RootElement.TryGetProperty("activity", out _));
    }

    [Fact]
    public void Run_WithBadOrcid_StopsBeforeRunning()
    {
        File.WriteAllText(Path.Combine(work, "t.cwl"), "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: [touch, ran]\ninputs: []\noutputs: []\n");

        var (code, _, stderr) = StoaProcess.Run(work, null, "cwl", "run", "--provenance", "ro", "--orcid", "12-34", "t.cwl");

        Assert.Equal(2, code);
        Assert.Contains("ORCID", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "ran")));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}

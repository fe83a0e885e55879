using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stoa.Provenance;
using Stoa.Provenance.Tests.Interop;

namespace Stoa.Provenance.Tests.ResearchObject;

public sealed class ResearchObjectBagTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-ro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Input, string Output, ResearchObjectContent Content) Sample(string? claimedInputSha1 = null)
    {
        var input = Path.Combine(_dir, "input.txt");
        var output = Path.Combine(_dir, "output.txt");
        File.WriteAllText(input, "Hello, provenance\n");
        File.WriteAllText(output, "ecnanevorp ,olleH\n");
        var content = new ResearchObjectContent
        {
            RunUuid = Guid.Parse("0e6cb79e-fe70-4807-888c-3a61b9bf232a"),
            Provenance = SampleDocuments.Everything(),
            DataFiles = [new(input, claimedInputSha1), new(output)],
            PackedWorkflow = "cwlVersion: v1.2\n$graph: []\n",
            Job = new JsonObject { ["message"] = new JsonObject { ["class"] = "File", ["location"] = new Uri(input).AbsoluteUri }, ["n"] = 3 },
            Output = new JsonObject { ["out"] = new JsonObject { ["class"] = "File", ["path"] = output } },
            AuthorName = "Alice",
            AuthorOrcid = "https://orcid.org/0000-0002-1825-0097",
        };
        return (input, output, content);
    }

    private static string Sha1(string path) => Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Bag_Has_The_CWLProv_Layout_And_Verifies()
    {
        var (input, _, content) = Sample();
        var bag = Path.Combine(_dir, "ro");
        var summary = ResearchObjectBag.Write(bag, content);
        Assert.Equal("arcp://uuid,0e6cb79e-fe70-4807-888c-3a61b9bf232a/", summary.ExternalIdentifier);
        Assert.Equal(2, summary.PayloadFiles);
        foreach (var f in new[]
        {
            "bagit.txt", "bag-info.txt", "manifest-sha1.txt", "manifest-sha512.txt", "tagmanifest-sha1.txt", "tagmanifest-sha512.txt",
            "metadata/manifest.json", "metadata/provenance/primary.cwlprov.provn", "metadata/provenance/primary.cwlprov.json",
            "metadata/provenance/primary.cwlprov.ttl", "metadata/provenance/primary.cwlprov.xml", "workflow/packed.cwl",
            "workflow/primary-job.json", "workflow/primary-output.json",
        })
        {
            Assert.True(File.Exists(Path.Combine(bag, f)), f + " is missing");
        }

        var sha1 = Sha1(input);
        Assert.True(File.Exists(Path.Combine(bag, "data", sha1[..2], sha1)));
        Assert.Empty(ResearchObjectBag.Verify(bag));
        var job = JsonNode.Parse(File.ReadAllText(Path.Combine(bag, "workflow/primary-job.json")))!;
        Assert.Equal($"../data/{sha1[..2]}/{sha1}", (string?)job["message"]!["location"]);
        Assert.Contains("Payload-Oxum: 36.2\n", File.ReadAllText(Path.Combine(bag, "bag-info.txt")), StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(bag, "metadata/manifest.json")))!;
        Assert.Contains(manifest["aggregates"]!.AsArray(), a => (string?)a!["uri"] == "urn:hash::sha1:" + sha1);
    }

    [Theory]
    [InlineData("sha1sum", "manifest-sha1.txt")]
    [InlineData("sha512sum", "manifest-sha512.txt")]
    [InlineData("sha1sum", "tagmanifest-sha1.txt")]
    [InlineData("sha512sum", "tagmanifest-sha512.txt")]
    public void Manifests_Verify_With_Coreutils(string tool, string manifest)
    {
        var bag = Path.Combine(_dir, "ro");
        ResearchObjectBag.Write(bag, Sample().Content);
        var (code, output) = ProvTools.RunIn(bag, "/usr/bin/" + tool, "--strict", "-c", manifest);
        Assert.True(code == 0, output);
        Assert.Contains(": OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bag_Provenance_Reads_In_Prov_And_Json_Equals_Xml()
    {
        var bag = Path.Combine(_dir, "ro");
        ResearchObjectBag.Write(bag, Sample().Content);
        var dir = Path.Combine(bag, "metadata", "provenance");
        var (code, output) = ProvTools.Run(ProvTools.ProvCompare, "-f", "json", "-F", "xml",
            Path.Combine(dir, "primary.cwlprov.json"), Path.Combine(dir, "primary.cwlprov.xml"));
        Assert.True(code == 0, output);
        var fromN = ProvenanceReader.ReadFile(Path.Combine(dir, "primary.cwlprov.provn"), ProvFormat.ProvN);
        var fromJson = ProvenanceReader.ReadFile(Path.Combine(dir, "primary.cwlprov.json"), ProvFormat.Json);
        Assert.Equal(ProvCanonicalForm.Lines(fromJson), ProvCanonicalForm.Lines(fromN));
    }

    [Fact]
    public void Large_Files_Are_Referenced_By_Hash_And_Size_Not_Copied()
    {
        var (input, output, content) = Sample();
        var big = Path.Combine(_dir, "big.bin");
        File.WriteAllBytes(big, new byte[100_000]);
        var bag = Path.Combine(_dir, "ro");
        var summary = ResearchObjectBag.Write(bag, content with { DataFiles = [.. content.DataFiles, new(big)] },
            new ResearchObjectOptions { ReferenceFilesLargerThan = 1000 });
        Assert.Equal(1, summary.ReferencedFiles);
        var sha1 = Sha1(big);
        Assert.False(File.Exists(Path.Combine(bag, "data", sha1[..2], sha1)));
        var fetch = File.ReadAllText(Path.Combine(bag, "fetch.txt"));
        Assert.Equal($"{new Uri(big).AbsoluteUri} 100000 data/{sha1[..2]}/{sha1}\n", fetch);
        Assert.Contains($"{sha1}  data/{sha1[..2]}/{sha1}", File.ReadAllText(Path.Combine(bag, "manifest-sha1.txt")), StringComparison.Ordinal);
        Assert.Empty(ResearchObjectBag.Verify(bag));
        Assert.True(File.Exists(input) && File.Exists(output));
    }

    [Fact]
    public void Tampering_Is_Found()
    {
        var (input, _, content) = Sample();
        var bag = Path.Combine(_dir, "ro");
        ResearchObjectBag.Write(bag, content);
        var sha1 = Sha1(input);
        File.AppendAllText(Path.Combine(bag, "data", sha1[..2], sha1), "changed");
        File.WriteAllText(Path.Combine(bag, "data", "stray.txt"), "x");
        var problems = ResearchObjectBag.Verify(bag);
        Assert.Contains(problems, p => p.StartsWith("manifest-sha1.txt line", StringComparison.Ordinal) && p.Contains(sha1, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("data/stray.txt is not listed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("bag-info.txt: Payload-Oxum", StringComparison.Ordinal));
    }

    [Fact]
    public void A_File_Changed_Since_The_Run_Is_Refused()
    {
        var content = Sample(claimedInputSha1: new string('0', 40)).Content;
        var e = Assert.Throws<ResearchObjectException>(() => ResearchObjectBag.Write(Path.Combine(_dir, "ro"), content));
        Assert.Contains("input.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Non_Empty_Directory_Is_Refused()
    {
        var bag = Directory.CreateDirectory(Path.Combine(_dir, "ro")).FullName;
        File.WriteAllText(Path.Combine(bag, "x"), "x", Encoding.UTF8);
        Assert.Throws<ResearchObjectException>(() => ResearchObjectBag.Write(bag, Sample().Content));
    }
}

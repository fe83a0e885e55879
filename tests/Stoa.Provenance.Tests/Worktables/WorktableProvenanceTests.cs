using Stoa.Provenance;
using Stoa.Provenance.Tests.Interop;

namespace Stoa.Provenance.Tests.Worktables;

public sealed class WorktableProvenanceTests : IDisposable
{
    private const string WorkflowSha1 = "0123456789abcdef0123456789abcdef01234567";
    private const string FileSha1 = "53870991af88a6d678cbeed3255bb65993c52925";

    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-prov-rows-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static IEnumerable<WorktableRowProvenance> Chain()
    {
        var t0 = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        // images -> sources -> spectra: each row of a linked table derives from a row upstream.
        yield return new WorktableRowProvenance
        {
            Table = "images", RowKey = "1", WorkflowSha1 = WorkflowSha1, WorkflowId = "#main", RunId = "r1",
            RunStarted = t0, RunEnded = t0.AddSeconds(30), RunState = "success", User = "Alice", UserOrcid = "https://orcid.org/0000-0002-1825-0097",
            Inputs = [new("map", null, FileSha1), new("threshold", 5.0, Unit: "Jy/beam", Ucd: "phot.flux.density")],
            Outputs = [new("count", 12L)],
        };
        yield return new WorktableRowProvenance
        {
            Table = "sources", RowKey = "1 a", WorkflowSha1 = WorkflowSha1, RunId = "r2", RunStarted = t0.AddMinutes(1),
            RunEnded = t0.AddMinutes(2), RunState = "success", User = "Alice", UserOrcid = "0000-0002-1825-0097",
            Inputs = [new("map", null, FileSha1)],
            Outputs = [new("flux", 0.25, Unit: "Jy", Ucd: "phot.flux.density")],
            UpstreamRows = [new("images", "1")],
        };
        yield return new WorktableRowProvenance
        {
            Table = "spectra", RowKey = "x/1", WorkflowSha1 = WorkflowSha1, RunId = "r3", RunStarted = t0.AddMinutes(3),
            RunEnded = t0.AddMinutes(4), RunState = "permanentFail", User = "bob",
            Inputs = [new("name", "NGC 1068")],
            UpstreamRows = [new("sources", "1 a")],
        };
    }

    [Fact]
    public void An_Output_Cell_Traces_Back_Through_Every_Linked_Table()
    {
        var doc = new ProvDocument();
        WorktableProvenance.AddTo(doc, Chain());
        Assert.Empty(ProvValidator.Validate(doc));
        var relations = doc.Records.OfType<ProvRelation>().ToList();

        // From the flux cell of sources/"1 a": its row, the run that generated it, the row upstream.
        var flux = WorktableProvenance.Rows["sources/1%20a/out/flux"];
        var row = Assert.Single(relations, r => r.Kind == ProvRelationKind.Membership && r.Terms[1] == flux).Terms[0]!.Value;
        var generation = Assert.Single(relations, r => r.Kind == ProvRelationKind.Generation && r.Terms[0] == flux);
        Assert.Equal(WorktableProvenance.Runs["r2"], generation.Terms[1]);
        var upstream = Assert.Single(relations, r => r.Kind == ProvRelationKind.Derivation && r.Terms[0] == row).Terms[1]!.Value;
        Assert.Equal(WorktableProvenance.RowId("images", "1"), upstream);
        var spectra = WorktableProvenance.RowId("spectra", "x/1");
        Assert.Contains(relations, r => r.Kind == ProvRelationKind.Derivation && r.Terms[0] == spectra && r.Terms[1] == row);
    }

    [Fact]
    public void Shared_Things_Are_Stated_Once_And_Failed_Rows_Have_No_Outputs()
    {
        var doc = new ProvDocument();
        WorktableProvenance.AddTo(doc, Chain());
        Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id == StoaNamespaces.Data[FileSha1]);
        Assert.Single(doc.Records.OfType<ProvAgent>(), a => a.Id == StoaNamespaces.Orcid["0000-0002-1825-0097"]);
        Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id == WorktableProvenance.Workflows[WorkflowSha1]);
        Assert.DoesNotContain(doc.Records, r => r.Id is { } id && id.LocalPart.StartsWith("spectra/x%2F1/out/", StringComparison.Ordinal));
        var failed = Assert.Single(doc.Records.OfType<ProvActivity>(), a => a.Id == WorktableProvenance.Runs["r3"]);
        Assert.Contains(failed.Attributes, a => a.Name == StoaNamespaces.Stoa["state"] && a.Value.Lexical == "permanentFail");
        var threshold = Assert.Single(doc.Records.OfType<ProvEntity>(), e => e.Id.LocalPart == "images/1/in/threshold");
        Assert.Contains(threshold.Attributes, a => a.Name == StoaNamespaces.VoProv["unit"] && a.Value.Lexical == "Jy/beam");
        Assert.Contains(threshold.Attributes, a => a.Name == ProvVocabulary.Value && a.Value.Datatype == ProvVocabulary.Xsd["double"]);
    }

    [Theory]
    [InlineData(ProvFormat.Json, "json")]
    [InlineData(ProvFormat.Xml, "xml")]
    [InlineData(ProvFormat.Turtle, "ttl")]
    public void Streamed_Export_Reads_In_Prov_As_The_Document_Does(ProvFormat format, string provFormat)
    {
        var path = Path.Combine(_dir, "rows" + ProvenanceWriter.Extension(format));
        long written;
        using (var file = File.Create(path))
        {
            written = WorktableProvenance.Export(Chain(), format, file);
        }

        var script = """
            import sys, prov
            from prov.model import ProvDocument
            path, fmt = sys.argv[1], sys.argv[2]
            doc = ProvDocument.deserialize(path, format='rdf', rdf_format='turtle') if fmt == 'ttl' else prov.read(path, format=fmt)
            print(len(doc.get_records()))
            """;
        var count = int.Parse(ProvTools.RunPython(script, path, provFormat).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(written, count);
    }

    [Fact]
    public void Streamed_Json_Equals_The_Document_Json_Read_Back()
    {
        using var stream = new MemoryStream();
        WorktableProvenance.Export(Chain(), ProvFormat.Json, stream);
        var streamed = ProvenanceReader.Read(new MemoryStream(stream.ToArray()), ProvFormat.Json);
        var doc = new ProvDocument();
        WorktableProvenance.AddTo(doc, Chain());
        // The engine agent has a fresh UUID per export; compare without it.
        static IEnumerable<string> WithoutEngine(ProvDocument d) =>
            ProvCanonicalForm.Lines(d).Where(l => !l.Contains("urn:uuid:", StringComparison.Ordinal));
        Assert.Equal(WithoutEngine(doc), WithoutEngine(streamed));
    }

    [Fact]
    public void Bad_Hashes_And_Orcids_Are_Refused()
    {
        var row = new WorktableRowProvenance { Table = "t", RowKey = "1", WorkflowSha1 = "XYZ" };
        Assert.Throws<ProvValidationException>(() => WorktableProvenance.Export([row], ProvFormat.ProvN, Stream.Null));
        row = row with { WorkflowSha1 = WorkflowSha1, User = "a", UserOrcid = "12345" };
        Assert.Throws<ProvValidationException>(() => WorktableProvenance.Export([row], ProvFormat.ProvN, Stream.Null));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Workflow;

/// <summary>
/// What a worktable is bound to: the workflow's input and output columns and the hash of the workflow document
/// and every file it references. Changing any byte of those files changes <see cref="Hash"/>, and binding a
/// table to the new version marks every row <see cref="RowStatus.Stale"/>.
/// </summary>
public sealed class WorkflowDefinition
{
    private WorkflowDefinition(string name, IReadOnlyList<ColumnDefinition> inputs, IReadOnlyList<ColumnDefinition> outputs, string hash, string? documentPath, IReadOnlyList<string> referencedFiles, IReadOnlyList<WorkflowFile>? files = null, bool isCwl = false, IReadOnlyList<WorkflowImage>? images = null)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Hash = hash;
        DocumentPath = documentPath;
        ReferencedFiles = referencedFiles;
        Files = files ?? [];
        IsCwl = isCwl;
        Images = images ?? [];
    }

    /// <summary>A short name (the CWL <c>id</c> or file name).</summary>
    public string Name { get; }

    /// <summary>The input columns, in workflow order.</summary>
    public IReadOnlyList<ColumnDefinition> Inputs { get; }

    /// <summary>The output columns, in workflow order.</summary>
    public IReadOnlyList<ColumnDefinition> Outputs { get; }

    /// <summary>SHA-256 (hex) of the workflow document and every file it references.</summary>
    public string Hash { get; }

    /// <summary>The workflow document on disk, when the definition came from one.</summary>
    public string? DocumentPath { get; }

    /// <summary>Every file the document references (tools, scripts, schemas), as full paths.</summary>
    public IReadOnlyList<string> ReferencedFiles { get; }

    /// <summary>The document and every referenced file with the digest it had when this version was bound (empty for text-defined workflows).</summary>
    internal IReadOnlyList<WorkflowFile> Files { get; }

    /// <summary>The container images the workflow's tools run in, with their ids when this version was bound (covered by <see cref="Hash"/>).</summary>
    internal IReadOnlyList<WorkflowImage> Images { get; }

    /// <summary>Whether the columns come from a CWL document (so a changed document can be loaded again to re-derive them).</summary>
    internal bool IsCwl { get; }

    /// <summary>All columns: inputs then outputs.</summary>
    public IEnumerable<ColumnDefinition> Columns => Inputs.Concat(Outputs);

    /// <summary>
    /// A definition from a typed column list and the text that stands for the workflow (its hash is the hash of
    /// that text). For embedding and tests, where the rows run in-process.
    /// </summary>
    /// <param name="name">A short name.</param>
    /// <param name="inputs">The input columns (role must be <see cref="ColumnRole.Input"/>).</param>
    /// <param name="outputs">The output columns (role must be <see cref="ColumnRole.Output"/>).</param>
    /// <param name="documentText">The workflow text (or any version label); a different text is a different workflow.</param>
    /// <exception cref="WorkflowException">Duplicate column names or a column with the wrong role.</exception>
    public static WorkflowDefinition FromColumns(string name, IEnumerable<ColumnDefinition> inputs, IEnumerable<ColumnDefinition> outputs, string documentText)
    {
        ArgumentNullException.ThrowIfNull(documentText);
        var (ins, outs) = Check(name, inputs, outputs, null);
        return new WorkflowDefinition(name, ins, outs, ContentHasher.Sha256("text\n" + documentText), null, []);
    }

    /// <summary>
    /// A definition whose hash covers the bytes of a document and of every file it references (order-independent,
    /// by path relative to the document). Used by the CWL binding; usable with any workflow language.
    /// </summary>
    /// <param name="name">A short name.</param>
    /// <param name="inputs">The input columns.</param>
    /// <param name="outputs">The output columns.</param>
    /// <param name="documentPath">The workflow document.</param>
    /// <param name="referencedFiles">Files the document references (tools, scripts…).</param>
    /// <exception cref="WorkflowException">The document or a referenced file is missing, or the columns are inconsistent.</exception>
    public static WorkflowDefinition FromFiles(string name, IEnumerable<ColumnDefinition> inputs, IEnumerable<ColumnDefinition> outputs, string documentPath, IEnumerable<string> referencedFiles)
    {
        ArgumentNullException.ThrowIfNull(documentPath);
        ArgumentNullException.ThrowIfNull(referencedFiles);
        var (ins, outs) = Check(name, inputs, outputs, documentPath);
        var doc = Path.GetFullPath(documentPath);
        var hasher = new ContentHasher();
        var files = new[] { doc }.Concat(referencedFiles.Select(Path.GetFullPath).Where(p => p != doc)).Distinct(StringComparer.Ordinal)
            .Select(f => new WorkflowFile(f, "sha1$" + HashOrThrow(hasher, f, doc), IsDocument: false)).ToList();
        return FromManifest(name, ins, outs, files, isCwl: false);
    }

    /// <summary>
    /// A definition whose hash covers the given files' digests (the first is the document) and the ids of the
    /// container images its tools run in (none: the hash is the files' alone, as before images were tracked).
    /// </summary>
    internal static WorkflowDefinition FromManifest(string name, IEnumerable<ColumnDefinition> inputs, IEnumerable<ColumnDefinition> outputs, IReadOnlyList<WorkflowFile> files, bool isCwl, IReadOnlyList<WorkflowImage>? images = null)
    {
        var doc = files[0].Path;
        var (ins, outs) = Check(name, inputs, outputs, doc);
        var baseDir = Path.GetDirectoryName(doc)!;
        var manifest = new StringBuilder();
        manifest.Append("document\t").Append(files[0].Digest).Append('\n');
        foreach (var f in files.Skip(1).Select(f => (Rel: Path.GetRelativePath(baseDir, f.Path).Replace('\\', '/'), f.Digest)).OrderBy(r => r.Rel, StringComparer.Ordinal))
        {
            manifest.Append(f.Rel).Append('\t').Append(f.Digest).Append('\n');
        }

        images ??= [];
        foreach (var image in images.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            manifest.Append("image\t").Append(image.Name).Append('\t').Append(image.Id ?? "absent").Append('\n');
        }

        return new WorkflowDefinition(name, ins, outs, ContentHasher.Sha256(manifest.ToString()), doc, [.. files.Skip(1).Select(f => f.Path)], files, isCwl, images);
    }

    /// <summary>This version with other image ids: a new version (its hash differs when an id does).</summary>
    internal WorkflowDefinition WithImages(IReadOnlyList<WorkflowImage> images) =>
        FromManifest(Name, Inputs, Outputs, Files, IsCwl, images).WithColumnsOf(this);

    /// <summary>This definition with the column metadata of <paramref name="other"/> (same columns); the hash is unchanged.</summary>
    private WorkflowDefinition WithColumnsOf(WorkflowDefinition other) =>
        new(Name, other.Inputs, other.Outputs, Hash, DocumentPath, ReferencedFiles, Files, IsCwl, Images);

    /// <summary>
    /// Whether this (pre-tracking) definition's hash is still the byte hash of its document and references, the
    /// way definitions were hashed before their files were tracked one by one.
    /// </summary>
    internal bool MatchesLegacyByteHash()
    {
        if (DocumentPath is null)
        {
            return false;
        }

        try
        {
            var hasher = new ContentHasher();
            var baseDir = Path.GetDirectoryName(DocumentPath)!;
            var manifest = new StringBuilder();
            manifest.Append("document\t").Append(hasher.HashFile(DocumentPath)).Append('\n');
            foreach (var r in ReferencedFiles.Select(r => (Rel: Path.GetRelativePath(baseDir, r).Replace('\\', '/'), Full: r)).OrderBy(r => r.Rel, StringComparer.Ordinal))
            {
                manifest.Append(r.Rel).Append('\t').Append(hasher.HashFile(r.Full)).Append('\n');
            }

            return ContentHasher.Sha256(manifest.ToString()) == Hash;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>This definition with the files it was bound from recorded (adopting a pre-tracking definition); the hash is unchanged.</summary>
    internal WorkflowDefinition WithFiles(IReadOnlyList<WorkflowFile> files, bool isCwl) =>
        new(Name, Inputs, Outputs, Hash, DocumentPath, ReferencedFiles, files, isCwl, Images);

    /// <summary>The version's files as the table tracks them: the digest they were bound with and their fingerprint now.</summary>
    internal IReadOnlyList<Storage.TrackedFile> TrackedFiles() =>
        [.. Files.Select(f => new Storage.TrackedFile(f.Path, FileFingerprint.Of(f.Path).Stored, f.Digest))];

    /// <summary>This version run from another copy of its document (the project's kept snapshot); the hash is unchanged.</summary>
    internal WorkflowDefinition At(string documentPath) =>
        new(Name, Inputs, Outputs, Hash, documentPath, ReferencedFiles, Files, IsCwl, Images);

    /// <summary>This definition with other metadata (unit, UCD, description) on a column; the hash is unchanged.</summary>
    internal WorkflowDefinition WithColumn(ColumnDefinition column)
    {
        ColumnDefinition Swap(ColumnDefinition c) => c.Name == column.Name ? column : c;
        return new WorkflowDefinition(Name, [.. Inputs.Select(Swap)], [.. Outputs.Select(Swap)], Hash, DocumentPath, ReferencedFiles, Files, IsCwl, Images);
    }

    internal string ToJson() => new JsonObject
    {
        ["name"] = Name,
        ["hash"] = Hash,
        ["document"] = DocumentPath,
        ["references"] = new JsonArray([.. ReferencedFiles.Select(r => (JsonNode?)JsonValue.Create(r))]),
        ["cwl"] = IsCwl,
        ["files"] = new JsonArray([.. Files.Select(f => (JsonNode?)new JsonObject { ["path"] = f.Path, ["digest"] = f.Digest, ["document"] = f.IsDocument })]),
        ["images"] = new JsonArray([.. Images.Select(i => (JsonNode?)new JsonObject { ["name"] = i.Name, ["id"] = i.Id })]),
        ["inputs"] = new JsonArray([.. Inputs.Select(c => (JsonNode?)c.ToJson())]),
        ["outputs"] = new JsonArray([.. Outputs.Select(c => (JsonNode?)c.ToJson())]),
    }.ToJsonString();

    internal static WorkflowDefinition FromJson(string json)
    {
        var n = JsonNode.Parse(json)!;
        return new WorkflowDefinition(
            (string)n["name"]!,
            [.. n["inputs"]!.AsArray().Select(c => ColumnDefinition.FromJson(c!))],
            [.. n["outputs"]!.AsArray().Select(c => ColumnDefinition.FromJson(c!))],
            (string)n["hash"]!,
            (string?)n["document"],
            [.. n["references"]!.AsArray().Select(r => (string)r!)],
            n["files"] is JsonArray files ? [.. files.Select(f => new WorkflowFile((string)f!["path"]!, (string)f["digest"]!, (bool)f["document"]!))] : [],
            (bool?)n["cwl"] ?? false,
            n["images"] is JsonArray images ? [.. images.Select(i => new WorkflowImage((string)i!["name"]!, (string?)i["id"]))] : []);
    }

    private static string HashOrThrow(ContentHasher hasher, string path, string document)
    {
        if (!File.Exists(path))
        {
            throw new WorkflowException(path == document ? $"{document}: the workflow document does not exist." : $"{document}: referenced file '{path}' does not exist.")
            {
                Path = document,
            };
        }

        return hasher.HashFile(path);
    }

    private static (IReadOnlyList<ColumnDefinition> Inputs, IReadOnlyList<ColumnDefinition> Outputs) Check(string name, IEnumerable<ColumnDefinition> inputs, IEnumerable<ColumnDefinition> outputs, string? path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var ins = inputs.ToList();
        var outs = outputs.ToList();
        foreach (var c in ins.Where(c => c.Role != ColumnRole.Input).Concat(outs.Where(c => c.Role != ColumnRole.Output)))
        {
            throw new WorkflowException($"workflow '{name}': column '{c.Name}' is listed with the wrong role ({c.Role}).") { Path = path, Column = c.Name };
        }

        var dup = ins.Concat(outs).GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new WorkflowException($"workflow '{name}': column '{dup.Key}' is defined twice.") { Path = path, Column = dup.Key };
        }

        return (ins, outs);
    }
}

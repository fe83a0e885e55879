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
    private WorkflowDefinition(string name, IReadOnlyList<ColumnDefinition> inputs, IReadOnlyList<ColumnDefinition> outputs, string hash, string? documentPath, IReadOnlyList<string> referencedFiles)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Hash = hash;
        DocumentPath = documentPath;
        ReferencedFiles = referencedFiles;
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
        var refs = referencedFiles.Select(Path.GetFullPath).Where(p => p != doc).Distinct(StringComparer.Ordinal).ToList();
        var hasher = new ContentHasher();
        var baseDir = Path.GetDirectoryName(doc)!;
        var manifest = new StringBuilder();
        manifest.Append("document\t").Append(HashOrThrow(hasher, doc, doc)).Append('\n');
        foreach (var r in refs.Select(r => (Rel: Path.GetRelativePath(baseDir, r).Replace('\\', '/'), Full: r)).OrderBy(r => r.Rel, StringComparer.Ordinal))
        {
            manifest.Append(r.Rel).Append('\t').Append(HashOrThrow(hasher, r.Full, doc)).Append('\n');
        }

        return new WorkflowDefinition(name, ins, outs, ContentHasher.Sha256(manifest.ToString()), doc, refs);
    }

    /// <summary>This definition with other metadata (unit, UCD, description) on a column; the hash is unchanged.</summary>
    internal WorkflowDefinition WithColumn(ColumnDefinition column)
    {
        ColumnDefinition Swap(ColumnDefinition c) => c.Name == column.Name ? column : c;
        return new WorkflowDefinition(Name, [.. Inputs.Select(Swap)], [.. Outputs.Select(Swap)], Hash, DocumentPath, ReferencedFiles);
    }

    internal string ToJson() => new JsonObject
    {
        ["name"] = Name,
        ["hash"] = Hash,
        ["document"] = DocumentPath,
        ["references"] = new JsonArray([.. ReferencedFiles.Select(r => (JsonNode?)JsonValue.Create(r))]),
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
            [.. n["references"]!.AsArray().Select(r => (string)r!)]);
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

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Cwl.Loading;

namespace Stoa.Cwl.Dependencies;

/// <summary>
/// A local file a loaded CWL document depends on: the document itself, the tools and workflows it runs, what it
/// imports and includes, and the files and directories it names as literals (defaults, InitialWorkDir listings).
/// Editing any of them can change what a run computes; <see cref="ComputeDigest"/> says whether one did.
/// </summary>
/// <param name="Path">The absolute local path.</param>
/// <param name="Kind">How the file is read (a directory literal is listed file by file, each as <see cref="CwlReferenceKind.Content"/>).</param>
public sealed record CwlReferencedFile(string Path, CwlReferenceKind Kind)
{
    /// <summary>
    /// The file's digest now: for a <see cref="CwlReferenceKind.Document"/>, <c>sha256$</c> of its parsed content
    /// written canonically (keys sorted, no comments or layout); for <see cref="CwlReferenceKind.Content"/>,
    /// <c>sha1$</c> of its bytes. Two versions with the same digest run the same.
    /// </summary>
    /// <returns>The digest, prefixed by its algorithm.</returns>
    /// <exception cref="CwlValidationException">A document that no longer parses (the error names file and line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public string ComputeDigest()
    {
        if (Kind == CwlReferenceKind.Content)
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return "sha1$" + Convert.ToHexStringLower(SHA1.HashData(stream));
        }

        var node = YamlReader.Read(File.ReadAllText(Path), Path, new LocationMap());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, node);
        }

        return "sha256$" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteCanonical(Utf8JsonWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k);
                    WriteCanonical(w, v);
                }

                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var v in a)
                {
                    WriteCanonical(w, v);
                }

                w.WriteEndArray();
                break;
            default:
                node.WriteTo(w);
                break;
        }
    }

    /// <summary>Every file <paramref name="context"/> read or that its documents name, documents first.</summary>
    internal static IReadOnlyList<CwlReferencedFile> Collect(LoadContext context)
    {
        var found = new Dictionary<string, CwlReferenceKind>(StringComparer.Ordinal);
        foreach (var doc in context.DocumentsRead)
        {
            found[doc] = CwlReferenceKind.Document;
        }

        foreach (var (file, root) in context.ParsedDocuments)
        {
            Walk(root, file, found);
        }

        foreach (var included in context.IncludedFiles.Concat(context.Schemas.Select(s => Loading.References.SplitFragment(s).Path)))
        {
            AddContent(Loading.References.ToLocalPath(included), found);
        }

        return [.. found.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new CwlReferencedFile(p.Key, p.Value))];
    }

    private static void Walk(JsonNode? node, string file, Dictionary<string, CwlReferenceKind> found)
    {
        switch (node)
        {
            case JsonObject o:
                if ((string?)(o["class"] as JsonValue) is "File" or "Directory")
                {
                    foreach (var key in (string[])["location", "path"])
                    {
                        if (o[key] is JsonValue v && v.TryGetValue<string>(out var reference) && !IsExpression(reference))
                        {
                            var (target, _) = Loading.References.SplitFragment(Loading.References.Resolve(file, reference));
                            if (!target.Contains("://", StringComparison.Ordinal))
                            {
                                AddContent(target, found);
                            }
                        }
                    }
                }

                foreach (var (_, child) in o)
                {
                    Walk(child, file, found);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, file, found);
                }

                break;
        }
    }

    private static bool IsExpression(string s) => s.Contains("$(", StringComparison.Ordinal) || s.Contains("${", StringComparison.Ordinal);

    private static void AddContent(string path, Dictionary<string, CwlReferenceKind> found)
    {
        if (File.Exists(path))
        {
            found.TryAdd(path, CwlReferenceKind.Content);
        }
        else if (Directory.Exists(path))
        {
            foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                found.TryAdd(f, CwlReferenceKind.Content);
            }
        }
    }
}

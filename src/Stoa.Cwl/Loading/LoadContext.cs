using System.Text.Json.Nodes;

namespace Stoa.Cwl.Loading;

/// <summary>
/// State shared by one load: the files read so far (each once), where every node came from, the namespace
/// prefixes seen and the errors collected. Errors are gathered rather than thrown so one exception reports all.
/// </summary>
internal sealed class LoadContext
{
    private readonly Dictionary<string, JsonNode?> _files = new(StringComparer.Ordinal);

    public LocationMap Locations { get; } = new();

    public List<CwlValidationError> Errors { get; } = [];

    public Dictionary<string, string> Namespaces { get; } = new(StringComparer.Ordinal);

    public List<string> Schemas { get; } = [];

    /// <summary>The documents parsed, in the order first read (the process file first).</summary>
    public List<string> DocumentsRead { get; } = [];

    /// <summary>Files whose text <c>$include</c> inlined.</summary>
    public HashSet<string> IncludedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Each parsed document as read (directives expanded), for finding the File and Directory literals it names.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> ParsedDocuments => _files;

    public void Error(JsonNode? node, string file, string path, string message) =>
        Errors.Add(new CwlValidationError(Locations.Find(node, file), path, message));

    public void ThrowIfErrors()
    {
        if (Errors.Count > 0)
        {
            throw new CwlValidationException(Errors.ToArray());
        }
    }

    /// <summary>Reads and parses a file once, expanding <c>$import</c> and <c>$include</c> relative to it.</summary>
    public JsonNode? ReadFile(string file, JsonNode? referencedFrom = null, string? fromFile = null)
    {
        if (_files.TryGetValue(file, out var cached))
        {
            return cached?.DeepClone();
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CwlValidationException(new CwlValidationError(
                Locations.Find(referencedFrom, fromFile ?? file), "", $"cannot read '{file}': {ex.Message}"));
        }

        DocumentsRead.Add(file);
        var root = YamlReader.Read(text, file, Locations);
        root = Directives.Expand(root, file, this);
        if (root is JsonObject obj)
        {
            CollectNamespaces(obj, file);
        }

        _files[file] = root;
        var copy = root?.DeepClone();
        Locations.CopyTree(root, copy);
        return copy;
    }

    private void CollectNamespaces(JsonObject obj, string file)
    {
        if (obj["$namespaces"] is JsonObject ns)
        {
            foreach (var (prefix, uri) in ns)
            {
                if (uri is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    Namespaces.TryAdd(prefix, s);
                }
            }
        }

        if (obj["$schemas"] is JsonArray schemas)
        {
            foreach (var s in schemas)
            {
                if (s is JsonValue v && v.TryGetValue<string>(out var str))
                {
                    Schemas.Add(References.Resolve(file, str));
                }
            }
        }
    }

    /// <summary>Expands a <c>prefix:name</c> term with the namespaces seen; other strings are returned unchanged.</summary>
    public string ExpandTerm(string term)
    {
        var colon = term.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !term.Contains("://", StringComparison.Ordinal) &&
            Namespaces.TryGetValue(term[..colon], out var uri))
        {
            return uri + term[(colon + 1)..];
        }

        return term;
    }
}

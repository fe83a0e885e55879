using YamlDotNet.RepresentationModel;

namespace Stoa.Worktables.Cwl;

/// <summary>
/// Finds the files a CWL document references, recursively: <c>run:</c> targets, <c>$import</c>/<c>$include</c>,
/// and the <c>location</c>/<c>path</c> of File and Directory literals (defaults, InitialWorkDir listings).
/// Stoa.Cwl does not expose its resolver's list yet (requested in notes/cwl-requests.md); this covers the
/// relative and <c>file://</c> forms workflows use in practice.
/// </summary>
internal static class CwlReferenceScanner
{
    public static IReadOnlyList<string> Scan(string documentPath)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([Path.GetFullPath(documentPath)]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var doc = queue.Dequeue();
            if (!seen.Add(doc) || !File.Exists(doc))
            {
                continue;
            }

            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(doc);
                stream.Load(reader);
            }
            catch (YamlDotNet.Core.YamlException)
            {
                // Not YAML (a script, a data file): it is hashed as a file, nothing to follow inside it.
                continue;
            }

            var dir = Path.GetDirectoryName(doc)!;
            foreach (var d in stream.Documents)
            {
                Walk(d.RootNode, dir, found, queue);
            }
        }

        found.Remove(Path.GetFullPath(documentPath));
        return [.. found];
    }

    private static void Walk(YamlNode node, string dir, SortedSet<string> found, Queue<string> queue)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var isFileLiteral = map.Children.TryGetValue(new YamlScalarNode("class"), out var cls) && cls is YamlScalarNode { Value: "File" or "Directory" };
                foreach (var (key, value) in map.Children)
                {
                    var k = (key as YamlScalarNode)?.Value;
                    if (value is YamlScalarNode { Value: { } v } &&
                        (k is "run" or "$import" or "$include" || (isFileLiteral && k is "location" or "path")))
                    {
                        Add(v, dir, found, queue, follow: k is "run" or "$import");
                    }
                    else
                    {
                        Walk(value, dir, found, queue);
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    Walk(item, dir, found, queue);
                }

                break;
        }
    }

    private static void Add(string reference, string dir, SortedSet<string> found, Queue<string> queue, bool follow)
    {
        var r = reference.Split('#')[0];
        if (r.Length == 0 || r.Contains("$(", StringComparison.Ordinal) || r.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        string full;
        if (r.StartsWith("file://", StringComparison.Ordinal))
        {
            full = new Uri(r).LocalPath;
        }
        else if (r.Contains("://", StringComparison.Ordinal))
        {
            return;
        }
        else
        {
            full = Path.GetFullPath(r, dir);
        }

        if (File.Exists(full))
        {
            found.Add(full);
            if (follow)
            {
                queue.Enqueue(full);
            }
        }
        else if (Directory.Exists(full))
        {
            foreach (var f in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
            {
                found.Add(f);
            }
        }
    }
}

using System.Text.RegularExpressions;
using System.Xml;

namespace Stoa.Cwl.Execution;

/// <summary>
/// The class hierarchy from a document's <c>$schemas</c> (RDF/XML and simple Turtle), enough for CWL format
/// checking: a file's format matches a declared one when equal, a subclass, or an equivalent class.
/// Parsed only when a format check needs it.
/// </summary>
internal sealed partial class Ontology
{
    private readonly IReadOnlyList<string> _files;
    private Dictionary<string, HashSet<string>>? _parents;

    public Ontology(IReadOnlyList<string> files) => _files = files;

    public bool IsSubclassOrEqual(string actual, string expected)
    {
        if (actual == expected)
        {
            return true;
        }

        var parents = Parents();
        var seen = new HashSet<string>(StringComparer.Ordinal) { actual };
        var queue = new Queue<string>([actual]);
        while (queue.Count > 0)
        {
            var c = queue.Dequeue();
            if (c == expected)
            {
                return true;
            }

            if (parents.TryGetValue(c, out var ps))
            {
                foreach (var p in ps.Where(seen.Add))
                {
                    queue.Enqueue(p);
                }
            }
        }

        return false;
    }

    private Dictionary<string, HashSet<string>> Parents()
    {
        if (_parents is not null)
        {
            return _parents;
        }

        var parents = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string child, string parent)
        {
            if (!parents.TryGetValue(child, out var set))
            {
                parents[child] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(parent);
        }

        foreach (var file in _files)
        {
            var path = Loading.References.SplitFragment(file).Path;
            if (!File.Exists(path))
            {
                continue;
            }

            if (path.EndsWith(".ttl", StringComparison.OrdinalIgnoreCase))
            {
                ReadTurtle(path, Add);
            }
            else
            {
                try
                {
                    ReadRdfXml(path, Add);
                }
                catch (XmlException)
                {
                    // Not RDF/XML we can read: no hierarchy from this file, so only exact format matches pass.
                }
            }
        }

        return _parents = parents;
    }

    private static void ReadRdfXml(string path, Action<string, string> add)
    {
        const string rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        const string rdfs = "http://www.w3.org/2000/01/rdf-schema#";
        const string owl = "http://www.w3.org/2002/07/owl#";
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null });
        var subjects = new Stack<string?>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var about = reader.GetAttribute("about", rdf);
                var resource = reader.GetAttribute("resource", rdf);
                if ((reader.NamespaceURI == rdfs && reader.LocalName == "subClassOf") ||
                    (reader.NamespaceURI == owl && reader.LocalName == "equivalentClass"))
                {
                    var subject = subjects.FirstOrDefault(s => s is not null);
                    if (subject is not null && resource is not null)
                    {
                        add(subject, resource);
                        if (reader.LocalName == "equivalentClass")
                        {
                            add(resource, subject);
                        }
                    }
                }

                if (!reader.IsEmptyElement)
                {
                    subjects.Push(about);
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && subjects.Count > 0)
            {
                subjects.Pop();
            }
        }
    }

    private static void ReadTurtle(string path, Action<string, string> add)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var m = PrefixLine().Match(line);
            if (m.Success)
            {
                prefixes[m.Groups[1].Value] = m.Groups[2].Value;
                continue;
            }

            var t = Triple().Match(line);
            if (!t.Success)
            {
                continue;
            }

            string Expand(string term)
            {
                if (term.StartsWith('<'))
                {
                    return term[1..^1];
                }

                var colon = term.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 && prefixes.TryGetValue(term[..colon], out var ns) ? ns + term[(colon + 1)..] : term;
            }

            var predicate = Expand(t.Groups[2].Value);
            var s = Expand(t.Groups[1].Value);
            var o = Expand(t.Groups[3].Value);
            if (predicate == "http://www.w3.org/2000/01/rdf-schema#subClassOf")
            {
                add(s, o);
            }
            else if (predicate == "http://www.w3.org/2002/07/owl#equivalentClass")
            {
                add(s, o);
                add(o, s);
            }
        }
    }

    [GeneratedRegex(@"^\s*@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.")]
    private static partial Regex PrefixLine();

    [GeneratedRegex(@"^\s*(\S+)\s+(\S+)\s+(\S+)\s*\.\s*$")]
    private static partial Regex Triple();
}

namespace Stoa.Provenance;

/// <summary>
/// A serialiser fed one record at a time. Every format is written this way, so a document and a stream of 100 000 rows
/// take the same path; only PROV-JSON, which groups records by kind, buffers (and spills to disk past a threshold).
/// </summary>
internal abstract class ProvSink : IDisposable
{
    public abstract void StartDocument(IReadOnlyList<ProvNamespace> namespaces);

    public abstract void StartBundle(QualifiedName id, IReadOnlyList<ProvNamespace> namespaces);

    public abstract void Write(ProvRecord record);

    public abstract void EndBundle();

    public abstract void EndDocument();

    public virtual void Dispose()
    {
    }

    public static ProvSink Create(ProvFormat format, Stream stream, ProvWriterOptions options) => format switch
    {
        ProvFormat.Json => new ProvJsonSink(stream, options),
        ProvFormat.ProvN => new ProvNSink(stream),
        ProvFormat.Turtle => new RdfSink(stream, turtle: true),
        ProvFormat.NTriples => new RdfSink(stream, turtle: false),
        ProvFormat.Xml => new ProvXmlSink(stream),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown PROV format."),
    };

    /// <summary>Groups a record's attributes by name, keeping first-seen order, for formats that list values per name.</summary>
    protected static List<(QualifiedName Name, List<ProvValue> Values)> GroupAttributes(IReadOnlyList<ProvAttribute> attributes)
    {
        var groups = new List<(QualifiedName, List<ProvValue>)>(attributes.Count);
        foreach (var a in attributes)
        {
            var found = false;
            foreach (var (name, values) in groups)
            {
                if (name.Uri == a.Name.Uri)
                {
                    values.Add(a.Value);
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                groups.Add((a.Name, [a.Value]));
            }
        }

        return groups;
    }
}

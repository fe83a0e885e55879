namespace Stoa.Provenance;

/// <summary>What a document and a bundle share: declared namespaces and an ordered list of records.</summary>
public abstract class ProvContainer
{
    private readonly List<ProvNamespace> _namespaces = [];
    private readonly List<ProvRecord> _records = [];

    private protected ProvContainer()
    {
    }

    /// <summary>The declared namespaces (prov and xsd are predeclared and need not appear).</summary>
    public IReadOnlyList<ProvNamespace> Namespaces => _namespaces;

    /// <summary>The records, in the order added.</summary>
    public IReadOnlyList<ProvRecord> Records => _records;

    /// <summary>Declares a namespace and returns it; declaring the same prefix and URI twice is harmless.</summary>
    /// <exception cref="ArgumentException">The prefix is already bound to another URI, or is not a valid prefix.</exception>
    public ProvNamespace AddNamespace(string prefix, string uri) => AddNamespace(new ProvNamespace(prefix, uri));

    /// <summary>Declares a namespace and returns it.</summary>
    /// <exception cref="ArgumentException">The prefix is already bound to another URI, or is not a valid prefix.</exception>
    public ProvNamespace AddNamespace(ProvNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        if (!ProvSyntax.IsValidPrefix(ns.Prefix))
        {
            throw new ArgumentException($"'{ns.Prefix}' is not a valid namespace prefix.", nameof(ns));
        }

        if (ProvVocabulary.IsPredeclared(ns))
        {
            return ns;
        }

        foreach (var existing in _namespaces)
        {
            if (existing.Prefix == ns.Prefix)
            {
                return existing.Uri == ns.Uri ? existing
                    : throw new ArgumentException($"Prefix '{ns.Prefix}' is already bound to <{existing.Uri}>.", nameof(ns));
            }
        }

        if (ns.Prefix is "prov" or "xsd")
        {
            throw new ArgumentException($"Prefix '{ns.Prefix}' is reserved.", nameof(ns));
        }

        _namespaces.Add(ns);
        return ns;
    }

    /// <summary>Adds a record.</summary>
    public T Add<T>(T record)
        where T : ProvRecord
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.Add(record);
        return record;
    }

    /// <summary>Adds an entity.</summary>
    public ProvEntity Entity(QualifiedName id, params ProvAttribute[] attributes) => Add(new ProvEntity(id, attributes));

    /// <summary>Adds an activity.</summary>
    public ProvActivity Activity(QualifiedName id, DateTimeOffset? startTime, DateTimeOffset? endTime, params ProvAttribute[] attributes) =>
        Add(new ProvActivity(id, startTime, endTime, attributes));

    /// <summary>Adds an agent.</summary>
    public ProvAgent Agent(QualifiedName id, params ProvAttribute[] attributes) => Add(new ProvAgent(id, attributes));
}

/// <summary>A named set of provenance statements, itself an entity (provenance of provenance).</summary>
/// <param name="id">The bundle's identifier.</param>
public sealed class ProvBundle(QualifiedName id) : ProvContainer
{
    /// <summary>The bundle's identifier.</summary>
    public QualifiedName Id { get; } = id;
}

/// <summary>A PROV document: namespaces, records and bundles. Write it with <see cref="ProvenanceWriter"/>.</summary>
public sealed class ProvDocument : ProvContainer
{
    private readonly List<ProvBundle> _bundles = [];

    /// <summary>The bundles, in the order added.</summary>
    public IReadOnlyList<ProvBundle> Bundles => _bundles;

    /// <summary>Adds a new, empty bundle and returns it to be filled.</summary>
    public ProvBundle Bundle(QualifiedName id)
    {
        var bundle = new ProvBundle(id);
        _bundles.Add(bundle);
        return bundle;
    }
}

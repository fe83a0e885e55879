namespace Stoa.Provenance;

/// <summary>A PROV statement: an element (entity, activity, agent) or a relation.</summary>
public abstract class ProvRecord
{
    private protected ProvRecord(QualifiedName? id, IReadOnlyList<ProvAttribute>? attributes)
    {
        Id = id;
        Attributes = attributes ?? [];
    }

    /// <summary>The identifier; always set for elements, optional for relations.</summary>
    public QualifiedName? Id { get; }

    /// <summary>The attributes, in the order given (names may repeat).</summary>
    public IReadOnlyList<ProvAttribute> Attributes { get; }
}

/// <summary>An entity: a thing with fixed aspects, e.g. a file identified by its content hash.</summary>
/// <param name="id">The identifier.</param>
/// <param name="attributes">Attributes such as <c>prov:type</c>, <c>prov:value</c>, <c>prov:label</c>.</param>
public sealed class ProvEntity(QualifiedName id, IReadOnlyList<ProvAttribute>? attributes = null) : ProvRecord(id, attributes)
{
    /// <summary>The identifier.</summary>
    public new QualifiedName Id => base.Id!.Value;
}

/// <summary>An activity: something that occurs over a period of time, e.g. a workflow run or a job.</summary>
/// <param name="id">The identifier.</param>
/// <param name="startTime">When it started (with its time zone), if known.</param>
/// <param name="endTime">When it ended (with its time zone), if known.</param>
/// <param name="attributes">Attributes.</param>
public sealed class ProvActivity(QualifiedName id, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null,
    IReadOnlyList<ProvAttribute>? attributes = null) : ProvRecord(id, attributes)
{
    /// <summary>The identifier.</summary>
    public new QualifiedName Id => base.Id!.Value;

    /// <summary>The start time, or null.</summary>
    public DateTimeOffset? StartTime { get; } = startTime;

    /// <summary>The end time, or null.</summary>
    public DateTimeOffset? EndTime { get; } = endTime;
}

/// <summary>An agent: a person, organisation or software bearing responsibility.</summary>
/// <param name="id">The identifier.</param>
/// <param name="attributes">Attributes such as <c>prov:type='prov:SoftwareAgent'</c>.</param>
public sealed class ProvAgent(QualifiedName id, IReadOnlyList<ProvAttribute>? attributes = null) : ProvRecord(id, attributes)
{
    /// <summary>The identifier.</summary>
    public new QualifiedName Id => base.Id!.Value;
}

namespace Stoa.Provenance;

/// <summary>
/// A PROV-DM relation. Its <see cref="Terms"/> follow PROV-N argument order (time excluded); required terms are never
/// null, which the factories check.
/// </summary>
public sealed class ProvRelation : ProvRecord
{
    private readonly QualifiedName?[] _terms;

    private ProvRelation(ProvRelationKind kind, QualifiedName?[] terms, DateTimeOffset? time, QualifiedName? id,
        IReadOnlyList<ProvAttribute>? attributes)
        : base(id, attributes)
    {
        Kind = kind;
        _terms = terms;
        Time = time;
    }

    /// <summary>Which relation this is.</summary>
    public ProvRelationKind Kind { get; }

    /// <summary>The formal terms in PROV-N order without the time, e.g. (entity, activity) for generation; absent optional terms are null.</summary>
    public IReadOnlyList<QualifiedName?> Terms => _terms;

    /// <summary>The time of generation, usage, start, end or invalidation, if known; null for relations without a time.</summary>
    public DateTimeOffset? Time { get; }

    internal RelationShape Shape => RelationShape.Of(Kind);

    /// <summary>Makes any relation from its terms in PROV-N order; the typed factories below are easier to read.</summary>
    /// <param name="kind">The relation.</param>
    /// <param name="terms">The terms in PROV-N order without time; must have the relation's arity.</param>
    /// <param name="time">The time, for relations that have one.</param>
    /// <param name="id">The relation's identifier (not allowed for specialization, alternate, membership).</param>
    /// <param name="attributes">Extra attributes such as <c>prov:role</c>.</param>
    /// <exception cref="ArgumentException">Wrong arity, a required term missing, or an id/time/attributes the relation cannot carry.</exception>
    public static ProvRelation Create(ProvRelationKind kind, IReadOnlyList<QualifiedName?> terms, DateTimeOffset? time = null,
        QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Owned(kind, [.. terms], time, id, attributes);
    }

    /// <summary>As <see cref="Create"/>, taking ownership of <paramref name="terms"/> (the typed factories' fresh arrays) instead of copying.</summary>
    private static ProvRelation Owned(ProvRelationKind kind, QualifiedName?[] terms, DateTimeOffset? time,
        QualifiedName? id, IReadOnlyList<ProvAttribute>? attributes)
    {
        var shape = RelationShape.Of(kind);
        if (terms.Length != shape.Terms.Length)
        {
            throw new ArgumentException($"{shape.Keyword} takes {shape.Terms.Length} terms, got {terms.Length}.", nameof(terms));
        }

        for (var i = 0; i < terms.Length; i++)
        {
            if (shape.Terms[i].Required && terms[i] is null)
            {
                throw new ArgumentException($"{shape.Keyword}: the required term prov:{shape.Terms[i].Name} is missing.", nameof(terms));
            }
        }

        if (time is not null && !shape.HasTime)
        {
            throw new ArgumentException($"{shape.Keyword} has no time.", nameof(time));
        }

        if (!shape.HasIdAndAttributes && (id is not null || attributes is { Count: > 0 }))
        {
            throw new ArgumentException($"{shape.Keyword} takes neither an identifier nor attributes.", nameof(id));
        }

        return new ProvRelation(kind, terms, time, id, attributes);
    }

    /// <summary><c>wasGeneratedBy(id; entity, activity, time, attributes)</c>.</summary>
    public static ProvRelation Generation(QualifiedName entity, QualifiedName? activity = null, DateTimeOffset? time = null,
        QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Generation, [entity, activity], time, id, attributes);

    /// <summary><c>used(id; activity, entity, time, attributes)</c>.</summary>
    public static ProvRelation Usage(QualifiedName activity, QualifiedName? entity = null, DateTimeOffset? time = null,
        QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Usage, [activity, entity], time, id, attributes);

    /// <summary><c>wasInformedBy(id; informed, informant, attributes)</c>.</summary>
    public static ProvRelation Communication(QualifiedName informed, QualifiedName informant, QualifiedName? id = null,
        IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Communication, [informed, informant], null, id, attributes);

    /// <summary><c>wasStartedBy(id; activity, trigger, starter, time, attributes)</c>.</summary>
    public static ProvRelation Start(QualifiedName activity, QualifiedName? trigger = null, QualifiedName? starter = null,
        DateTimeOffset? time = null, QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Start, [activity, trigger, starter], time, id, attributes);

    /// <summary><c>wasEndedBy(id; activity, trigger, ender, time, attributes)</c>.</summary>
    public static ProvRelation End(QualifiedName activity, QualifiedName? trigger = null, QualifiedName? ender = null,
        DateTimeOffset? time = null, QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.End, [activity, trigger, ender], time, id, attributes);

    /// <summary><c>wasInvalidatedBy(id; entity, activity, time, attributes)</c>.</summary>
    public static ProvRelation Invalidation(QualifiedName entity, QualifiedName? activity = null, DateTimeOffset? time = null,
        QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Invalidation, [entity, activity], time, id, attributes);

    /// <summary><c>wasDerivedFrom(id; generatedEntity, usedEntity, activity, generation, usage, attributes)</c>.</summary>
    public static ProvRelation Derivation(QualifiedName generatedEntity, QualifiedName usedEntity, QualifiedName? activity = null,
        QualifiedName? generation = null, QualifiedName? usage = null, QualifiedName? id = null,
        IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Derivation, [generatedEntity, usedEntity, activity, generation, usage], null, id, attributes);

    /// <summary><c>wasAttributedTo(id; entity, agent, attributes)</c>.</summary>
    public static ProvRelation Attribution(QualifiedName entity, QualifiedName agent, QualifiedName? id = null,
        IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Attribution, [entity, agent], null, id, attributes);

    /// <summary><c>wasAssociatedWith(id; activity, agent, plan, attributes)</c>.</summary>
    public static ProvRelation Association(QualifiedName activity, QualifiedName? agent = null, QualifiedName? plan = null,
        QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Association, [activity, agent, plan], null, id, attributes);

    /// <summary><c>actedOnBehalfOf(id; delegate, responsible, activity, attributes)</c>.</summary>
    public static ProvRelation Delegation(QualifiedName @delegate, QualifiedName responsible, QualifiedName? activity = null,
        QualifiedName? id = null, IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Delegation, [@delegate, responsible, activity], null, id, attributes);

    /// <summary><c>wasInfluencedBy(id; influencee, influencer, attributes)</c>.</summary>
    public static ProvRelation Influence(QualifiedName influencee, QualifiedName influencer, QualifiedName? id = null,
        IReadOnlyList<ProvAttribute>? attributes = null) =>
        Owned(ProvRelationKind.Influence, [influencee, influencer], null, id, attributes);

    /// <summary><c>specializationOf(specificEntity, generalEntity)</c>.</summary>
    public static ProvRelation Specialization(QualifiedName specificEntity, QualifiedName generalEntity) =>
        Owned(ProvRelationKind.Specialization, [specificEntity, generalEntity], null, null, null);

    /// <summary><c>alternateOf(alternate1, alternate2)</c>.</summary>
    public static ProvRelation Alternate(QualifiedName alternate1, QualifiedName alternate2) =>
        Owned(ProvRelationKind.Alternate, [alternate1, alternate2], null, null, null);

    /// <summary><c>hadMember(collection, entity)</c>.</summary>
    public static ProvRelation Membership(QualifiedName collection, QualifiedName entity) =>
        Owned(ProvRelationKind.Membership, [collection, entity], null, null, null);
}

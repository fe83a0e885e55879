namespace Stoa.Provenance;

/// <summary>One formal term of a relation: its PROV-JSON/XML name (without <c>prov:</c>), its PROV-O property on the qualified node, and whether PROV-DM requires it.</summary>
internal sealed record RelationTerm(string Name, string RdfProperty, bool Required);

/// <summary>
/// How one PROV-DM relation is spelled in every serialisation. Every writer and reader is driven by this one table so
/// the four formats cannot disagree on term order or requiredness.
/// </summary>
internal sealed record RelationShape(
    ProvRelationKind Kind,
    string Keyword,
    RelationTerm[] Terms,
    bool HasTime,
    bool HasIdAndAttributes,
    string RdfDirect,
    string? RdfQualified,
    string? RdfClass)
{
    private static readonly RelationShape[] Shapes =
    [
        new(ProvRelationKind.Generation, "wasGeneratedBy",
            [new("entity", "", true), new("activity", "activity", false)], true, true, "wasGeneratedBy", "qualifiedGeneration", "Generation"),
        new(ProvRelationKind.Usage, "used",
            [new("activity", "", true), new("entity", "entity", false)], true, true, "used", "qualifiedUsage", "Usage"),
        new(ProvRelationKind.Communication, "wasInformedBy",
            [new("informed", "", true), new("informant", "activity", true)], false, true, "wasInformedBy", "qualifiedCommunication", "Communication"),
        new(ProvRelationKind.Start, "wasStartedBy",
            [new("activity", "", true), new("trigger", "entity", false), new("starter", "hadActivity", false)], true, true, "wasStartedBy", "qualifiedStart", "Start"),
        new(ProvRelationKind.End, "wasEndedBy",
            [new("activity", "", true), new("trigger", "entity", false), new("ender", "hadActivity", false)], true, true, "wasEndedBy", "qualifiedEnd", "End"),
        new(ProvRelationKind.Invalidation, "wasInvalidatedBy",
            [new("entity", "", true), new("activity", "activity", false)], true, true, "wasInvalidatedBy", "qualifiedInvalidation", "Invalidation"),
        new(ProvRelationKind.Derivation, "wasDerivedFrom",
            [new("generatedEntity", "", true), new("usedEntity", "entity", true), new("activity", "hadActivity", false),
             new("generation", "hadGeneration", false), new("usage", "hadUsage", false)], false, true, "wasDerivedFrom", "qualifiedDerivation", "Derivation"),
        new(ProvRelationKind.Attribution, "wasAttributedTo",
            [new("entity", "", true), new("agent", "agent", true)], false, true, "wasAttributedTo", "qualifiedAttribution", "Attribution"),
        new(ProvRelationKind.Association, "wasAssociatedWith",
            [new("activity", "", true), new("agent", "agent", false), new("plan", "hadPlan", false)], false, true, "wasAssociatedWith", "qualifiedAssociation", "Association"),
        new(ProvRelationKind.Delegation, "actedOnBehalfOf",
            [new("delegate", "", true), new("responsible", "agent", true), new("activity", "hadActivity", false)], false, true, "actedOnBehalfOf", "qualifiedDelegation", "Delegation"),
        new(ProvRelationKind.Influence, "wasInfluencedBy",
            [new("influencee", "", true), new("influencer", "influencer", true)], false, true, "wasInfluencedBy", "qualifiedInfluence", "Influence"),
        new(ProvRelationKind.Specialization, "specializationOf",
            [new("specificEntity", "", true), new("generalEntity", "", true)], false, false, "specializationOf", null, null),
        new(ProvRelationKind.Alternate, "alternateOf",
            [new("alternate1", "", true), new("alternate2", "", true)], false, false, "alternateOf", null, null),
        new(ProvRelationKind.Membership, "hadMember",
            [new("collection", "", true), new("entity", "", true)], false, false, "hadMember", null, null),
    ];

    private static readonly Dictionary<string, RelationShape> ByKeyword = Shapes.ToDictionary(s => s.Keyword, StringComparer.Ordinal);

    /// <summary>The shapes of every relation, in <see cref="ProvRelationKind"/> order.</summary>
    public static IReadOnlyList<RelationShape> All => Shapes;

    /// <summary>The shape of a relation kind.</summary>
    public static RelationShape Of(ProvRelationKind kind) => Shapes[(int)kind];

    /// <summary>The shape named by a PROV-N / PROV-JSON / PROV-XML keyword, or null.</summary>
    public static RelationShape? FromKeyword(string keyword) => ByKeyword.GetValueOrDefault(keyword);
}

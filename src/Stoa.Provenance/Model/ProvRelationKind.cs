namespace Stoa.Provenance;

/// <summary>The PROV-DM relations, named by their PROV-N keyword in the docs.</summary>
public enum ProvRelationKind
{
    /// <summary><c>wasGeneratedBy(id; e, a, t, attrs)</c>: entity required.</summary>
    Generation,

    /// <summary><c>used(id; a, e, t, attrs)</c>: activity required.</summary>
    Usage,

    /// <summary><c>wasInformedBy(id; a2, a1, attrs)</c>: both activities required.</summary>
    Communication,

    /// <summary><c>wasStartedBy(id; a2, e, a1, t, attrs)</c>: activity required.</summary>
    Start,

    /// <summary><c>wasEndedBy(id; a2, e, a1, t, attrs)</c>: activity required.</summary>
    End,

    /// <summary><c>wasInvalidatedBy(id; e, a, t, attrs)</c>: entity required.</summary>
    Invalidation,

    /// <summary><c>wasDerivedFrom(id; e2, e1, a, g2, u1, attrs)</c>: both entities required.</summary>
    Derivation,

    /// <summary><c>wasAttributedTo(id; e, ag, attrs)</c>: entity and agent required.</summary>
    Attribution,

    /// <summary><c>wasAssociatedWith(id; a, ag, pl, attrs)</c>: activity required.</summary>
    Association,

    /// <summary><c>actedOnBehalfOf(id; ag2, ag1, a, attrs)</c>: both agents required.</summary>
    Delegation,

    /// <summary><c>wasInfluencedBy(id; e2, e1, attrs)</c>: both required.</summary>
    Influence,

    /// <summary><c>specializationOf(e2, e1)</c>: no identifier, no attributes.</summary>
    Specialization,

    /// <summary><c>alternateOf(e1, e2)</c>: no identifier, no attributes.</summary>
    Alternate,

    /// <summary><c>hadMember(c, e)</c>: no identifier, no attributes.</summary>
    Membership,
}

namespace Stoa.Worktables.Links;

/// <summary>
/// A declared dependency of a child table on a parent table. Child input columns named in <see cref="Bind"/> take
/// the values of parent columns (inputs or outputs) once the parent row has Succeeded; when those values change,
/// the child rows become Stale and the next recompute reruns exactly them. Declare with
/// <see cref="WorktableProject.Link(TableLink)"/>.
/// </summary>
public sealed record TableLink
{
    private TableLink(LinkKind kind, string parent, string child, IReadOnlyDictionary<string, string> on, IReadOnlyDictionary<string, string> bind, string? source, string? element, string? index)
    {
        Kind = kind;
        Parent = parent;
        Child = child;
        On = on;
        Bind = bind;
        Source = source;
        Element = element;
        Index = index;
    }

    /// <summary>The kind of link.</summary>
    public LinkKind Kind { get; }

    /// <summary>The parent table.</summary>
    public string Parent { get; }

    /// <summary>The child table.</summary>
    public string Child { get; }

    /// <summary>Join only: child input column → parent column whose values must be equal for a child row to belong to a parent row.</summary>
    public IReadOnlyDictionary<string, string> On { get; }

    /// <summary>Child input column → parent column it takes its value from.</summary>
    public IReadOnlyDictionary<string, string> Bind { get; }

    /// <summary>Generator only: the parent's array output column.</summary>
    public string? Source { get; }

    /// <summary>Generator only: the child input column receiving one element.</summary>
    public string? Element { get; }

    /// <summary>Generator only: a child input column (int or long) receiving the element's 0-based index, or <see langword="null"/>.</summary>
    public string? Index { get; }

    /// <summary>A keyed join, e.g. <c>child.obs_id ← parent.obs_id</c> with <c>child.flux_in ← parent.flux</c>.</summary>
    /// <param name="parent">The parent table.</param>
    /// <param name="child">The child table.</param>
    /// <param name="on">Child input column → parent column that must match; at least one.</param>
    /// <param name="bind">Child input column → parent column it takes its value from.</param>
    public static TableLink Join(string parent, string child, IReadOnlyDictionary<string, string> on, IReadOnlyDictionary<string, string> bind)
    {
        ArgumentNullException.ThrowIfNull(on);
        ArgumentNullException.ThrowIfNull(bind);
        if (on.Count == 0)
        {
            throw new ArgumentException("a join needs at least one column pair to match on.", nameof(on));
        }

        return new(LinkKind.Join, parent, child, on, bind, null, null, null);
    }

    /// <summary>A generator: one child row per element of <paramref name="source"/> in each Succeeded parent row.</summary>
    /// <param name="parent">The parent table.</param>
    /// <param name="child">The child table.</param>
    /// <param name="source">The parent's array output column.</param>
    /// <param name="element">The child input column receiving the element.</param>
    /// <param name="index">A child input column receiving the element's index, or <see langword="null"/>.</param>
    /// <param name="bind">More child input columns taking parent values (e.g. the parent's key); may be empty.</param>
    public static TableLink Generator(string parent, string child, string source, string element, string? index, IReadOnlyDictionary<string, string> bind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(element);
        ArgumentNullException.ThrowIfNull(bind);
        return new(LinkKind.Generator, parent, child, new Dictionary<string, string>(), bind, source, element, index);
    }
}

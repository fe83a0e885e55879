namespace Stoa.Worktables.Links;

/// <summary>How a child table's rows depend on a parent table's rows.</summary>
public enum LinkKind
{
    /// <summary>
    /// Keyed join: each child row is matched to the parent row whose <see cref="TableLink.On"/> columns hold the same
    /// values, and its bound input columns take that parent row's values.
    /// </summary>
    Join = 0,

    /// <summary>One child row per element of an array output of each parent row (STOA's generator tables).</summary>
    Generator = 1,
}

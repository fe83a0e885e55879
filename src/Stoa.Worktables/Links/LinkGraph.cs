namespace Stoa.Worktables.Links;

/// <summary>The tables of a project as a DAG (parent → child): cycle finding and dependency levels.</summary>
internal sealed class LinkGraph
{
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _parents = new(StringComparer.Ordinal);

    public LinkGraph(IEnumerable<string> tables, IEnumerable<(string Parent, string Child)> edges)
    {
        foreach (var t in tables)
        {
            _children.TryAdd(t, []);
            _parents.TryAdd(t, []);
        }

        foreach (var (p, c) in edges)
        {
            Add(p, c);
        }
    }

    /// <summary>The cycle that an edge <paramref name="parent"/> → <paramref name="child"/> would close, or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? CycleThrough(string parent, string child)
    {
        // A path child ⇒ parent already exists iff the new edge closes a cycle; breadth-first gives the shortest one.
        var previous = new Dictionary<string, string>(StringComparer.Ordinal) { [child] = child };
        var queue = new Queue<string>([child]);
        while (queue.Count > 0)
        {
            var t = queue.Dequeue();
            if (t == parent)
            {
                var path = new List<string> { t };
                while (t != child)
                {
                    t = previous[t];
                    path.Add(t);
                }

                path.Reverse();
                return [parent, .. path];
            }

            foreach (var c in _children.GetValueOrDefault(t) ?? [])
            {
                if (previous.TryAdd(c, t))
                {
                    queue.Enqueue(c);
                }
            }
        }

        return null;
    }

    public void Add(string parent, string child)
    {
        _children.TryAdd(parent, []);
        _children.TryAdd(child, []);
        _parents.TryAdd(parent, []);
        _parents.TryAdd(child, []);
        _children[parent].Add(child);
        _parents[child].Add(parent);
    }

    /// <summary>Tables grouped by depth: every table's parents are in earlier groups, so a group's tables are independent.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Levels()
    {
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string t) => level.TryGetValue(t, out var d) ? d : level[t] = _parents[t].Count == 0 ? 0 : _parents[t].Max(Depth) + 1;
        foreach (var t in _parents.Keys)
        {
            Depth(t);
        }

        return [.. level.GroupBy(p => p.Value).OrderBy(g => g.Key).Select(g => (IReadOnlyList<string>)[.. g.Select(p => p.Key).Order(StringComparer.Ordinal)])];
    }
}

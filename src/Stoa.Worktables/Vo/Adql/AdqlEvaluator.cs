namespace Stoa.Worktables.Vo.Adql;

/// <summary>
/// Runs a parsed query over <see cref="AdqlTable"/>s in the library (the store keeps cells as JSON documents, so
/// there is no SQL column to translate a predicate to): <c>FROM</c> rows (joins by nested loops), <c>WHERE</c>,
/// groups and aggregates, <c>HAVING</c>, the select list, <c>DISTINCT</c>, <c>ORDER BY</c>, <c>OFFSET</c>, <c>TOP</c>,
/// then MAXREC. Without grouping, ordering or DISTINCT the rows stream and reading stops once enough are found.
/// Null follows SQL: a comparison with null is unknown, and <c>WHERE</c>/<c>HAVING</c>/<c>ON</c> keep only true.
/// </summary>
internal sealed partial class AdqlEvaluator
{
    private readonly List<(AdqlTable Table, TableRef Ref, int Offset)> _scope = [];
    private readonly Dictionary<ColumnRef, int> _slots = [];

    /// <summary>The right-hand copies of USING/NATURAL join columns: left out of <c>*</c> and of unqualified names.</summary>
    private readonly HashSet<int> _hidden = [];
    private readonly CancellationToken _cancellation;
    private readonly Func<TableRef, AdqlTable> _resolve;

    private AdqlEvaluator(Func<TableRef, AdqlTable> resolve, CancellationToken cancellation)
    {
        _resolve = resolve;
        _cancellation = cancellation;
    }

    /// <summary>Runs <paramref name="query"/>, reading tables found by <paramref name="resolve"/>.</summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="resolve">
    /// The table a <c>FROM</c> item names; throws <see cref="AdqlException"/> when there is none. Subqueries and
    /// derived tables read their tables through it too, so they see exactly what the outer query may see.
    /// </param>
    /// <param name="maxRec">At most this many rows are returned; more sets <see cref="AdqlResult.Overflow"/>.</param>
    /// <param name="cancellation">Checked at every row read and every pair a join tries.</param>
    /// <exception cref="AdqlException">Unknown table or column, a type error, or an unsupported geometry.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static AdqlResult Run(AdqlQuery query, Func<TableRef, AdqlTable> resolve, long maxRec, CancellationToken cancellation = default)
    {
        var e = new AdqlEvaluator(resolve, cancellation);
        return e.Execute(query, maxRec);
    }

    private AdqlResult Execute(AdqlQuery q, long maxRec)
    {
        var source = q.From.Select(Source).Aggregate((a, b) => CrossJoin(a, b));
        var outputs = Outputs(q);
        source = Checked(IndexedRows(q) ?? source);
        var grouped = q.GroupBy.Count > 0 || outputs.Any(o => HasAggregate(o.Value)) || (q.Having is { } h && HasAggregate(h))
            || q.OrderBy.Any(o => HasAggregate(o.Key));
        if (grouped)
        {
            CheckGrouping(q, outputs);
        }
        else if (q.Having is not null)
        {
            throw new AdqlException("HAVING needs GROUP BY or an aggregate (COUNT, MIN, MAX, AVG, SUM)");
        }

        var columns = outputs.Select(o => o.Column).ToList();
        var keys = q.OrderBy.Select(o => OrderKey(o.Key, outputs)).ToList();
        var rows = q.Where is { } where ? source.Where(r => Truth(Eval(where, new Context(r, null))) == true) : source;
        IEnumerable<Context> contexts = grouped ? Groups(q, rows) : rows.Select(r => new Context(r, null));
        var produced = contexts.Select(c => (Values: outputs.Select(o => Eval(o.Value, c)).ToArray(), Context: c));
        long available = q.Top is { } top ? top : long.MaxValue;
        var wanted = Math.Min(available, maxRec == long.MaxValue ? maxRec : maxRec + 1);
        var streamed = !grouped && !q.Distinct && q.OrderBy.Count == 0;
        var list = new List<object?[]>();
        if (streamed)
        {
            foreach (var (values, _) in produced.Skip(Clamp(q.Offset ?? 0)))
            {
                if (list.Count >= wanted)
                {
                    break;
                }

                list.Add(values);
            }
        }
        else
        {
            var all = produced.Select(p => (p.Values, Keys: keys.Select(k => k.Output is { } i ? p.Values[i] : Eval(k.Expr!, p.Context)).ToArray())).ToList();
            if (q.Distinct)
            {
                var seen = new HashSet<object?[]>(ValueComparer.Rows);
                all = [.. all.Where(p => seen.Add(p.Values))];
            }

            if (keys.Count > 0)
            {
                var descending = q.OrderBy.Select(o => o.Descending).ToArray();
                all = [.. all.Order(Comparer<(object?[] Values, object?[] Keys)>.Create((a, b) => CompareKeys(a.Keys, b.Keys, descending)))];
            }

            list = [.. all.Skip(Clamp(q.Offset ?? 0)).Take(Clamp(wanted)).Select(p => p.Values)];
        }

        var overflow = list.Count > maxRec;
        if (overflow)
        {
            list.RemoveRange((int)maxRec, list.Count - (int)maxRec);
        }

        return new AdqlResult(columns, list, overflow);
    }

    private static int Clamp(long n) => (int)Math.Min(n, int.MaxValue);

    private static int CompareKeys(object?[] a, object?[] b, bool[] descending)
    {
        for (var i = 0; i < a.Length; i++)
        {
            // Nulls sort last ascending and first descending, as if they were the largest value.
            var c = (a[i], b[i]) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                var (x, y) => ValueComparer.Compare(x, y),
            };
            if (c != 0)
            {
                return descending[i] ? -c : c;
            }
        }

        return 0;
    }

    /// <summary>The rows of one FROM item, each a flat array of every column of its tables in order.</summary>
    private IEnumerable<object?[]> Source(FromItem item)
    {
        switch (item)
        {
            case TableRef t:
                return InScope(_resolve(t), t);
            case DerivedTable d:
                var result = Subquery(d.Query, long.MaxValue);
                var columns = result.Columns.Select(c => new AdqlColumn(c.Name, c.Kind, c.Unit, c.Ucd, c.Description)).ToList();
                return InScope(new AdqlTable("", d.Alias.Text, columns, () => result.Rows), new TableRef(null, d.Alias, d.Alias));
            case JoinRef j:
                var left = Source(j.Left);
                var leftWidth = Width;
                var right = Source(j.Right);
                var rightWidth = Width - leftWidth;
                return Join(left, right, leftWidth, rightWidth, j);
            default:
                throw new ArgumentOutOfRangeException(nameof(item));
        }
    }

    private IEnumerable<object?[]> InScope(AdqlTable table, TableRef t)
    {
        var alias = t.Alias ?? t.Table;
        if (_scope.Any(s => (s.Ref.Alias ?? s.Ref.Table).Text.Equals(alias.Text, StringComparison.OrdinalIgnoreCase)))
        {
            throw new AdqlException($"the table name {AdqlPrinter.Print(alias)} is used twice in FROM; give one an alias (AS)");
        }

        _scope.Add((table, t, Width));
        return Checked(table.Rows());
    }

    /// <summary>
    /// Runs a subquery (IN, EXISTS or a derived table) on its own scope with the same table resolution and
    /// cancellation. It cannot see the outer query's columns: a correlated subquery fails on the column it names.
    /// </summary>
    private AdqlResult Subquery(AdqlQuery query, long maxRec)
    {
        try
        {
            return new AdqlEvaluator(_resolve, _cancellation).Execute(query, maxRec);
        }
        catch (AdqlException ex) when (ex.Message.StartsWith("no column", StringComparison.Ordinal))
        {
            throw new AdqlException($"in a subquery: {ex.Message} (a subquery cannot name the outer query's columns: correlated subqueries are not supported)");
        }
    }

    private int Width => _scope.Count == 0 ? 0 : _scope[^1].Offset + _scope[^1].Table.Columns.Count;

    private IEnumerable<object?[]> Join(IEnumerable<object?[]> left, IEnumerable<object?[]> right, int leftWidth, int rightWidth, JoinRef join)
    {
        // Bound now, while every table of the join is in scope, so that an unknown column fails before any row is read.
        Func<object?[], bool> condition;
        if (join.On is { } on)
        {
            Bind(on);
            condition = row => Truth(Eval(on, new Context(row, null))) == true;
        }
        else
        {
            var pairs = JoinColumns(join, leftWidth);
            condition = row => pairs.All(p => Comparison("=", row[p.Left], row[p.Right]) == true);
        }

        return Rows();

        IEnumerable<object?[]> Rows()
        {
            var rights = right.ToList();
            foreach (var l in left)
            {
                var matched = false;
                foreach (var r in rights)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    var row = Concat(l, r, leftWidth);
                    if (condition(row))
                    {
                        matched = true;
                        yield return row;
                    }
                }

                if (!matched && join.LeftOuter)
                {
                    yield return Concat(l, new object?[rightWidth], leftWidth);
                }
            }
        }
    }

    /// <summary>
    /// The (left, right) slots a USING or NATURAL join compares; the right ones are hidden from then on, so the
    /// column appears once in <c>*</c> and an unqualified name means the left (joined) one (ADQL 2.1 §2.2.3).
    /// </summary>
    private List<(int Left, int Right)> JoinColumns(JoinRef join, int leftWidth)
    {
        var lefts = VisibleColumns(s => s < leftWidth);
        var rights = VisibleColumns(s => s >= leftWidth);
        var names = join.Using is { } u
            ? u.ToList()
            : [.. rights.Select(r => r.Name).Where(n => lefts.Any(l => l.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
                .Distinct(StringComparer.OrdinalIgnoreCase).Select(n => new Name(n, false))];
        var pairs = names.Select(n => (Left: One(lefts, n, "left"), Right: One(rights, n, "right"))).ToList();
        foreach (var (_, r) in pairs)
        {
            _hidden.Add(r);
        }

        return pairs;

        static int One(List<(string Name, int Slot)> side, Name n, string which)
        {
            var found = side.Where(c => n.Matches(c.Name)).ToList();
            return found.Count switch
            {
                1 => found[0].Slot,
                0 => throw new AdqlException($"the join column {AdqlPrinter.Print(n)} is not in the {which} side of the join"),
                _ => throw new AdqlException($"the join column {AdqlPrinter.Print(n)} is ambiguous: more than one table on the {which} side of the join has it"),
            };
        }
    }

    private List<(string Name, int Slot)> VisibleColumns(Func<int, bool> where) =>
        [.. _scope.SelectMany(s => s.Table.Columns.Select((c, i) => (c.Name, Slot: s.Offset + i)))
            .Where(c => where(c.Slot) && !_hidden.Contains(c.Slot))];

    /// <summary>The rows as they come, stopping when the query is cancelled.</summary>
    private IEnumerable<object?[]> Checked(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            _cancellation.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    private IEnumerable<object?[]> CrossJoin(IEnumerable<object?[]> left, IEnumerable<object?[]> right)
    {
        return Rows(left, right, _cancellation);

        static IEnumerable<object?[]> Rows(IEnumerable<object?[]> left, IEnumerable<object?[]> right, CancellationToken cancellation)
        {
            var rights = right.ToList();
            foreach (var l in left)
            {
                foreach (var r in rights)
                {
                    cancellation.ThrowIfCancellationRequested();
                    yield return Concat(l, r, l.Length);
                }
            }
        }
    }

    private static object?[] Concat(object?[] left, object?[] right, int leftWidth)
    {
        var row = new object?[leftWidth + right.Length];
        left.CopyTo(row, 0);
        right.CopyTo(row, leftWidth);
        return row;
    }

    /// <summary>Rows grouped by the GROUP BY values (one group of all rows when there is none), kept by HAVING.</summary>
    private IEnumerable<Context> Groups(AdqlQuery q, IEnumerable<object?[]> rows)
    {
        var groups = new Dictionary<object?[], List<object?[]>>(ValueComparer.Rows);
        var order = new List<object?[]>();
        foreach (var row in rows)
        {
            var key = q.GroupBy.Select(g => Eval(g, new Context(row, null))).ToArray();
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }

            members.Add(row);
        }

        if (q.GroupBy.Count == 0 && order.Count == 0)
        {
            order.Add([]);
            groups[[]] = [];
        }

        foreach (var key in order)
        {
            var members = groups[key];
            var context = new Context(members.Count > 0 ? members[0] : new object?[Width], members);
            if (q.Having is not { } having || Truth(Eval(having, context)) == true)
            {
                yield return context;
            }
        }
    }

    /// <summary>A column outside an aggregate must be one of the GROUP BY values (or inside one).</summary>
    private static void CheckGrouping(AdqlQuery q, List<(AdqlExpr Value, ResultColumn Column)> outputs)
    {
        foreach (var e in outputs.Select(o => o.Value).Concat(q.Having is { } h ? [h] : []).Concat(q.OrderBy.Select(o => o.Key)))
        {
            Check(e);
        }

        void Check(AdqlExpr e)
        {
            if (q.GroupBy.Contains(e) || e is Call { IsAggregate: true })
            {
                return;
            }

            if (e is ColumnRef c)
            {
                // ORDER BY may name an output column by its alias.
                if (c.Table is null && outputs.Any(o => c.Column.Matches(o.Column.Name) && (q.GroupBy.Contains(o.Value) || HasAggregate(o.Value))))
                {
                    return;
                }

                throw new AdqlException($"column {AdqlPrinter.Print(c)} must be in GROUP BY or inside an aggregate (COUNT, MIN, MAX, AVG, SUM)");
            }

            if (e is Slot)
            {
                throw new AdqlException("SELECT * cannot be grouped: name the GROUP BY columns");
            }

            foreach (var child in Children(e))
            {
                Check(child);
            }
        }
    }

    private (int? Output, AdqlExpr? Expr) OrderKey(AdqlExpr key, List<(AdqlExpr Value, ResultColumn Column)> outputs)
    {
        if (key is IntegerLiteral n)
        {
            return n.Value >= 1 && n.Value <= outputs.Count
                ? ((int)n.Value - 1, null)
                : throw new AdqlException($"ORDER BY {n.Value}: there are {outputs.Count} output column(s)");
        }

        if (key is ColumnRef { Table: null } c)
        {
            var i = outputs.FindIndex(o => c.Column.Matches(o.Column.Name));
            if (i >= 0 && !TryBind(c))
            {
                return (i, null);
            }
        }

        Bind(key);
        return (null, key);
    }

    /// <summary>The select list with <c>*</c> expanded, each value bound and typed, output names made unique.</summary>
    private List<(AdqlExpr Value, ResultColumn Column)> Outputs(AdqlQuery q)
    {
        var list = new List<(AdqlExpr, ResultColumn)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in q.Select)
        {
            if (item is SelectAll all)
            {
                var tables = _scope.Where(s => all.Qualifier is null || all.Qualifier.Matches((s.Ref.Alias ?? s.Ref.Table).Text)).ToList();
                if (tables.Count == 0)
                {
                    throw new AdqlException($"{AdqlPrinter.Print(all.Qualifier!)}.*: no such table in FROM");
                }

                foreach (var (table, _, offset) in tables)
                {
                    // t.* keeps every column of t; a bare * shows each USING/NATURAL join column once.
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        if (all.Qualifier is null && _hidden.Contains(offset + i))
                        {
                            continue;
                        }

                        var c = table.Columns[i];
                        list.Add((new Slot(offset + i), new ResultColumn(Unique(c.Name), c.Kind, c.Unit, c.Ucd, c.Description)));
                    }
                }

                continue;
            }

            var value = (SelectValue)item;
            Bind(value.Value);
            var (kind, unit, ucd, description) = TypeOf(value.Value);
            var name = value.Alias?.Text ?? value.Value switch
            {
                ColumnRef c => c.Column.Text,
                Call c => c.Function.ToLowerInvariant(),
                _ => "expr",
            };
            list.Add((value.Value, new ResultColumn(Unique(name), kind, unit, ucd, description)));
        }

        if (q.Where is { } w)
        {
            Bind(w);
        }

        foreach (var g in q.GroupBy)
        {
            Bind(g);
        }

        if (q.Having is { } h)
        {
            Bind(h);
        }

        return list;

        string Unique(string name)
        {
            var candidate = name;
            for (var n = 2; !names.Add(candidate); n++)
            {
                candidate = $"{name}_{n}";
            }

            return candidate;
        }
    }

    /// <summary>Resolves every column the expression names (so an unknown one fails before any row is read).</summary>
    private void Bind(AdqlExpr e)
    {
        if (e is InQuery or Exists)
        {
            BindSubquery(e);
        }

        if (e is ColumnRef c)
        {
            if (!TryBind(c))
            {
                throw new AdqlException($"no column {AdqlPrinter.Print(c)} in {string.Join(", ", _scope.Select(s => s.Table.Name))}");
            }

            return;
        }

        foreach (var child in Children(e))
        {
            Bind(child);
        }
    }

    private bool TryBind(ColumnRef c)
    {
        if (_slots.ContainsKey(c))
        {
            return true;
        }

        var found = new List<int>();
        foreach (var (table, tableRef, offset) in _scope)
        {
            if (c.Table is { } qualifier)
            {
                var matches = tableRef.Alias is { } alias
                    ? qualifier.Matches(alias.Text) && c.Schema is null
                    : qualifier.Matches(table.Name) && (c.Schema is null || c.Schema.Matches(table.Schema));
                if (!matches)
                {
                    continue;
                }
            }

            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (c.Column.Matches(table.Columns[i].Name) && (c.Table is not null || !_hidden.Contains(offset + i)))
                {
                    found.Add(offset + i);
                }
            }
        }

        if (found.Count > 1)
        {
            throw new AdqlException($"column {AdqlPrinter.Print(c)} is ambiguous: more than one table in FROM has it; qualify it (table.column)");
        }

        if (found.Count == 1)
        {
            _slots[c] = found[0];
        }

        return found.Count == 1;
    }

    private static bool HasAggregate(AdqlExpr e) => e is Call { IsAggregate: true } || Children(e).Any(HasAggregate);

    private static IEnumerable<AdqlExpr> Children(AdqlExpr e) => e switch
    {
        Negate n => [n.Operand],
        Binary b => [b.Left, b.Right],
        Compare c => [c.Left, c.Right],
        Logical l => [l.Left, l.Right],
        Not n => [n.Operand],
        Between b => [b.Value, b.Low, b.High],
        Like l => [l.Value, l.Pattern],
        InList i => [i.Value, .. i.Items],
        InQuery i => [i.Value],
        IsNull n => [n.Value],
        Call c => c.Arguments,
        _ => [],
    };

    /// <summary>One column of the FROM rows by position (what <c>*</c> expands to).</summary>
    private sealed record Slot(int Index) : AdqlExpr;

    /// <summary>The row an expression is evaluated on, and for a grouped query the rows of its group.</summary>
    private readonly record struct Context(object?[] Row, List<object?[]>? Group);
}

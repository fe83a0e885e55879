using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Stoa.Worktables.Vo.Adql;

internal sealed partial class AdqlEvaluator
{
    private readonly Dictionary<(string, bool), Regex> _patterns = [];

    /// <summary>The answers of the IN and EXISTS subqueries, run once when bound (they cannot depend on the row).</summary>
    private readonly Dictionary<AdqlExpr, AdqlResult> _subqueries = new(ReferenceEqualityComparer.Instance);

    private void BindSubquery(AdqlExpr e)
    {
        if (_subqueries.ContainsKey(e))
        {
            return;
        }

        if (e is InQuery i)
        {
            var result = Subquery(i.Query, long.MaxValue);
            _subqueries[e] = result.Columns.Count == 1
                ? result
                : throw new AdqlException($"IN (SELECT …) needs a subquery that gives one column; this one gives {result.Columns.Count}");
        }
        else if (e is Exists x)
        {
            // With MAXREC 0 the subquery stops at its first row and flags it as an overflow.
            _subqueries[e] = Subquery(x.Query, 0);
        }
    }

    private object? Eval(AdqlExpr e, Context c) => e switch
    {
        IntegerLiteral i => i.Value,
        RealLiteral r => r.Value,
        StringLiteral s => s.Value,
        ColumnRef col => c.Row[_slots[col]],
        Slot s => c.Row[s.Index],
        Negate n => Eval(n.Operand, c) switch
        {
            null => null,
            long l => checked(-l),
            double d => -d,
            var v => throw new AdqlException($"cannot negate {ValueComparer.Kind(v)}"),
        },
        Binary b => Arithmetic(b.Operator, Eval(b.Left, c), Eval(b.Right, c)),
        Compare cmp => Comparison(cmp.Operator, Eval(cmp.Left, c), Eval(cmp.Right, c)),
        Logical l => Logic(l, c),
        Not n => !Truth(Eval(n.Operand, c)),
        Between b => Negated(b.Negated, And(Comparison(">=", Eval(b.Value, c), Eval(b.Low, c)), Comparison("<=", Eval(b.Value, c), Eval(b.High, c)))),
        Like l => Negated(l.Negated, Matches(Eval(l.Value, c), Eval(l.Pattern, c), l.IgnoreCase)),
        InList i => Negated(i.Negated, In(Eval(i.Value, c), i.Items.Select(item => Eval(item, c)))),
        InQuery i => Negated(i.Negated, In(Eval(i.Value, c), _subqueries[i].Rows.Select(r => r[0]))),
        Exists x => _subqueries[x] is var r && (r.Rows.Count > 0 || r.Overflow),
        IsNull n => (Eval(n.Value, c) is null) != n.Negated,
        Call { IsAggregate: true } a => Aggregate(a, c),
        Call f => Function(f.Function, [.. f.Arguments.Select(a => Eval(a, c))]),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>A condition's value: true, false or unknown (null).</summary>
    private static bool? Truth(object? v) => v switch
    {
        null => null,
        bool b => b,
        _ => throw new AdqlException($"expected a condition (a comparison, LIKE, IN…), found {ValueComparer.Kind(v)}; CONTAINS and INTERSECTS give 1 or 0: compare them, e.g. CONTAINS(…) = 1"),
    };

    private static bool? Negated(bool negated, bool? v) => negated ? !v : v;

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;

    private bool? Logic(Logical l, Context c)
    {
        var left = Truth(Eval(l.Left, c));
        // Short-circuit where the answer is settled; unknown still needs the right side.
        if (l.IsAnd && left == false)
        {
            return false;
        }

        if (!l.IsAnd && left == true)
        {
            return true;
        }

        var right = Truth(Eval(l.Right, c));
        return l.IsAnd ? And(left, right) : left == true || right == true ? true : left is null || right is null ? null : false;
    }

    private static bool? Comparison(string op, object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var c = ValueComparer.Compare(a, b);
        return op switch
        {
            "=" => c == 0,
            "<>" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    private static bool? In(object? value, IEnumerable<object?> items)
    {
        if (value is null)
        {
            return null;
        }

        var unknown = false;
        foreach (var item in items)
        {
            if (item is null)
            {
                unknown = true;
            }
            else if (ValueComparer.Compare(value, item) == 0)
            {
                return true;
            }
        }

        return unknown ? null : false;
    }

    private bool? Matches(object? value, object? pattern, bool ignoreCase)
    {
        if (value is null || pattern is null)
        {
            return null;
        }

        if (value is not string text || pattern is not string p)
        {
            throw new AdqlException($"LIKE compares text, not {ValueComparer.Kind(value is string ? pattern : value)}");
        }

        if (!_patterns.TryGetValue((p, ignoreCase), out var regex))
        {
            // % is any run of characters, _ any one character; everything else literal. Case matters, except for ILIKE (ADQL 2.1 §2.3.3).
            var sb = new StringBuilder("^");
            foreach (var ch in p)
            {
                sb.Append(ch switch
                {
                    '%' => ".*",
                    '_' => ".",
                    _ => Regex.Escape(ch.ToString()),
                });
            }

            var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            _patterns[(p, ignoreCase)] = regex = new Regex(sb.Append('$').ToString(), options);
        }

        return regex.IsMatch(text);
    }

    private static object? Arithmetic(string op, object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (op == "||")
        {
            return Text(a) + Text(b);
        }

        try
        {
            return (a, b) switch
            {
                (long x, long y) => op switch
                {
                    "+" => checked(x + y),
                    "-" => checked(x - y),
                    "*" => checked(x * y),
                    _ => y == 0 ? throw new AdqlException("division by zero") : x / y,
                },
                (long or double, long or double) => Real(op, Convert.ToDouble(a, CultureInfo.InvariantCulture), Convert.ToDouble(b, CultureInfo.InvariantCulture)),
                _ => throw new AdqlException($"'{op}' needs numbers, not {ValueComparer.Kind(a is long or double ? b : a)}"),
            };
        }
        catch (OverflowException)
        {
            throw new AdqlException($"integer overflow in '{op}'");
        }
    }

    private static double Real(string op, double x, double y) => op switch
    {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        _ => y == 0 ? throw new AdqlException("division by zero") : x / y,
    };

    private static string Text(object v) => v switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new AdqlException($"cannot concatenate {ValueComparer.Kind(v)}"),
    };

    private object? Aggregate(Call a, Context c)
    {
        if (c.Group is not { } group)
        {
            throw new AdqlException($"{a.Function} is an aggregate: it cannot be used in WHERE or inside another aggregate");
        }

        if (a.Arguments.Count == 0)
        {
            return (long)group.Count;
        }

        var values = group.Select(row => Eval(a.Arguments[0], new Context(row, null))).Where(v => v is not null).Select(v => v!);
        if (a.Distinct)
        {
            values = values.Select(v => new[] { v }).Distinct(ValueComparer.Rows).Select(v => v[0]!);
        }

        var list = values.ToList();
        if (a.Function == "COUNT")
        {
            return (long)list.Count;
        }

        if (list.Count == 0)
        {
            return null;
        }

        switch (a.Function)
        {
            case "MIN":
                return list.Aggregate((x, y) => ValueComparer.Compare(x, y) <= 0 ? x : y);
            case "MAX":
                return list.Aggregate((x, y) => ValueComparer.Compare(x, y) >= 0 ? x : y);
        }

        if (list.Any(v => v is not (long or double)))
        {
            throw new AdqlException($"{a.Function} needs numbers, not {ValueComparer.Kind(list.First(v => v is not (long or double)))}");
        }

        if (a.Function == "SUM" && list.All(v => v is long))
        {
            try
            {
                return list.Aggregate(0L, (s, v) => checked(s + (long)v));
            }
            catch (OverflowException)
            {
                throw new AdqlException("integer overflow in SUM");
            }
        }

        var sum = list.Sum(v => Convert.ToDouble(v, CultureInfo.InvariantCulture));
        return a.Function == "SUM" ? sum : sum / list.Count;
    }
}

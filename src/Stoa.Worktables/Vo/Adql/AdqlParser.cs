using System.Globalization;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>
/// A recursive-descent parser for the ADQL 2.1 query specification this service runs: <c>SELECT [ALL|DISTINCT]
/// [TOP n] … FROM t [[NATURAL] [INNER|LEFT [OUTER]] JOIN u [ON … | USING (c, …)]] [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY … [ASC|DESC]]
/// [OFFSET n]</c>. Every error names the line and column of the token it stopped at.
/// </summary>
internal sealed class AdqlParser
{
    /// <summary>Functions with a fixed number of arguments (min, max); the rest are checked where they are evaluated.</summary>
    internal static readonly Dictionary<string, (int Min, int Max)> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ABS"] = (1, 1), ["CEILING"] = (1, 1), ["DEGREES"] = (1, 1), ["EXP"] = (1, 1), ["FLOOR"] = (1, 1),
        ["LOG"] = (1, 1), ["LOG10"] = (1, 1), ["MOD"] = (2, 2), ["PI"] = (0, 0), ["POWER"] = (2, 2),
        ["RADIANS"] = (1, 1), ["SQRT"] = (1, 1), ["ROUND"] = (1, 2), ["TRUNCATE"] = (1, 2), ["ACOS"] = (1, 1),
        ["ASIN"] = (1, 1), ["ATAN"] = (1, 1), ["ATAN2"] = (2, 2), ["COS"] = (1, 1), ["COT"] = (1, 1), ["SIN"] = (1, 1),
        ["TAN"] = (1, 1), ["LOWER"] = (1, 1), ["UPPER"] = (1, 1), ["POINT"] = (2, 3), ["CIRCLE"] = (2, 4),
        ["BOX"] = (3, 5), ["POLYGON"] = (3, 1001), ["CONTAINS"] = (2, 2), ["INTERSECTS"] = (2, 2),
        ["DISTANCE"] = (2, 4), ["COORD1"] = (1, 1), ["COORD2"] = (1, 1),
        ["COUNT"] = (1, 1), ["MIN"] = (1, 1), ["MAX"] = (1, 1), ["AVG"] = (1, 1), ["SUM"] = (1, 1),
    };

    private readonly List<AdqlToken> _tokens;
    private int _next;

    private AdqlParser(List<AdqlToken> tokens) => _tokens = tokens;

    /// <exception cref="AdqlException">The text is not a query of this grammar.</exception>
    public static AdqlQuery Parse(string text)
    {
        var parser = new AdqlParser(AdqlLexer.Tokenize(text));
        var query = parser.Query();
        if (parser.Peek.Kind != AdqlTokenKind.End)
        {
            throw parser.Error($"expected the end of the query, found {parser.Peek.Describe()}");
        }

        return query;
    }

    private AdqlToken Peek => _tokens[_next];

    private AdqlToken Take() => _tokens[_next++];

    private AdqlException Error(string message) => new(message, Peek.Line, Peek.Column);

    private bool Accept(string word)
    {
        if (Peek.Is(word))
        {
            _next++;
            return true;
        }

        return false;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (Peek.IsSymbol(symbol))
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Expect(string word)
    {
        if (!Accept(word))
        {
            throw Error($"expected {word}, found {Peek.Describe()}");
        }
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Error($"expected '{symbol}', found {Peek.Describe()}");
        }
    }

    private AdqlQuery Query()
    {
        Expect("SELECT");
        var distinct = Accept("DISTINCT");
        if (!distinct)
        {
            Accept("ALL");
        }

        long? top = Accept("TOP") ? UnsignedInteger("TOP") : null;
        var select = new List<SelectItem> { SelectItem() };
        while (AcceptSymbol(","))
        {
            select.Add(SelectItem());
        }

        Expect("FROM");
        var from = new List<FromItem> { FromItem() };
        while (AcceptSymbol(","))
        {
            from.Add(FromItem());
        }

        var where = Accept("WHERE") ? Expression() : null;
        var groupBy = new List<AdqlExpr>();
        if (Accept("GROUP"))
        {
            Expect("BY");
            do
            {
                groupBy.Add(Expression());
            }
            while (AcceptSymbol(","));
        }

        var having = Accept("HAVING") ? Expression() : null;
        var orderBy = new List<OrderItem>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do
            {
                var key = Expression();
                var descending = Accept("DESC");
                if (!descending)
                {
                    Accept("ASC");
                }

                orderBy.Add(new OrderItem(key, descending));
            }
            while (AcceptSymbol(","));
        }

        long? offset = Accept("OFFSET") ? UnsignedInteger("OFFSET") : null;
        return new AdqlQuery(distinct, top, new(select), new(from), where, new(groupBy), having, new(orderBy), offset);
    }

    private long UnsignedInteger(string clause)
    {
        if (Peek.Kind != AdqlTokenKind.Integer)
        {
            throw Error($"{clause} needs an unsigned integer, found {Peek.Describe()}");
        }

        return long.Parse(Take().Text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private SelectItem SelectItem()
    {
        if (AcceptSymbol("*"))
        {
            return new SelectAll(null);
        }

        // t.* : a name, a point, a star.
        if (Peek.Kind is AdqlTokenKind.Word or AdqlTokenKind.QuotedName && _tokens[_next + 1].IsSymbol(".") && _tokens[_next + 2].IsSymbol("*"))
        {
            var qualifier = NameToken("a table name");
            _next += 2;
            return new SelectAll(qualifier);
        }

        var value = Expression();
        Name? alias = null;
        if (Accept("AS"))
        {
            alias = NameToken("a column name after AS");
        }
        else if (Peek.Kind == AdqlTokenKind.QuotedName || (Peek.Kind == AdqlTokenKind.Word && !AdqlLexer.IsReserved(Peek.Text)))
        {
            alias = NameToken("a column name");
        }

        return new SelectValue(value, alias);
    }

    private FromItem FromItem()
    {
        var item = TableReference();
        while (true)
        {
            var natural = Accept("NATURAL");
            var leftOuter = false;
            if (Accept("LEFT"))
            {
                Accept("OUTER");
                leftOuter = true;
            }
            else
            {
                Accept("INNER");
            }

            if (!Accept("JOIN"))
            {
                if (leftOuter || natural)
                {
                    throw Error($"expected JOIN, found {Peek.Describe()}");
                }

                return item;
            }

            var right = TableReference();
            if (natural)
            {
                item = new JoinRef(item, right, leftOuter, null, null, Natural: true);
            }
            else if (Accept("USING"))
            {
                ExpectSymbol("(");
                var columns = new List<Name> { NameToken("a column name in USING") };
                while (AcceptSymbol(","))
                {
                    columns.Add(NameToken("a column name in USING"));
                }

                ExpectSymbol(")");
                item = new JoinRef(item, right, leftOuter, null, new(columns));
            }
            else
            {
                if (!Accept("ON"))
                {
                    throw Error($"expected ON or USING, found {Peek.Describe()}");
                }

                item = new JoinRef(item, right, leftOuter, Expression());
            }
        }
    }

    private FromItem TableReference()
    {
        if (AcceptSymbol("("))
        {
            if (!Peek.Is("SELECT"))
            {
                throw Error($"expected SELECT (a derived table), found {Peek.Describe()}");
            }

            var query = Query();
            ExpectSymbol(")");
            Accept("AS");
            return new DerivedTable(query, NameToken("an alias for the derived table (SELECT …) AS name"));
        }

        var first = NameToken("a table name");
        Name? schema = null;
        var table = first;
        if (AcceptSymbol("."))
        {
            schema = first;
            table = NameToken("a table name after the schema");
        }

        Name? alias = null;
        if (Accept("AS"))
        {
            alias = NameToken("a table alias after AS");
        }
        else if (Peek.Kind == AdqlTokenKind.QuotedName || (Peek.Kind == AdqlTokenKind.Word && !AdqlLexer.IsReserved(Peek.Text)))
        {
            alias = NameToken("a table alias");
        }

        return new TableRef(schema, table, alias);
    }

    private Name NameToken(string what)
    {
        var t = Peek;
        if (t.Kind == AdqlTokenKind.QuotedName)
        {
            _next++;
            return new Name(t.Text, true);
        }

        if (t.Kind == AdqlTokenKind.Word && !AdqlLexer.IsReserved(t.Text))
        {
            _next++;
            return new Name(t.Text, false);
        }

        throw Error(t.Kind == AdqlTokenKind.Word
            ? $"expected {what}, found the reserved word {t.Text.ToUpperInvariant()} (write it as \"{t.Text}\" to use it as a name)"
            : $"expected {what}, found {t.Describe()}");
    }

    private AdqlExpr Expression()
    {
        var left = Conjunction();
        while (Accept("OR"))
        {
            left = new Logical(false, left, Conjunction());
        }

        return left;
    }

    private AdqlExpr Conjunction()
    {
        var left = Negation();
        while (Accept("AND"))
        {
            left = new Logical(true, left, Negation());
        }

        return left;
    }

    private AdqlExpr Negation() => Accept("NOT") ? new Not(Negation()) : Predicate();

    private AdqlExpr Predicate()
    {
        var left = Additive();
        if (Peek.Kind == AdqlTokenKind.Symbol && Peek.Text is "=" or "<>" or "<" or "<=" or ">" or ">=")
        {
            var op = Take().Text;
            return new Compare(op, left, Additive());
        }

        if (Accept("IS"))
        {
            var negated = Accept("NOT");
            Expect("NULL");
            return new IsNull(left, negated);
        }

        var not = Accept("NOT");
        if (Accept("BETWEEN"))
        {
            var low = Additive();
            Expect("AND");
            return new Between(left, low, Additive(), not);
        }

        if (Accept("LIKE"))
        {
            return new Like(left, Additive(), not);
        }

        if (Accept("ILIKE"))
        {
            return new Like(left, Additive(), not, IgnoreCase: true);
        }

        if (Accept("IN"))
        {
            ExpectSymbol("(");
            if (Peek.Is("SELECT"))
            {
                var query = Query();
                ExpectSymbol(")");
                return new InQuery(left, query, not);
            }

            var items = new List<AdqlExpr> { Additive() };
            while (AcceptSymbol(","))
            {
                items.Add(Additive());
            }

            ExpectSymbol(")");
            return new InList(left, new(items), not);
        }

        if (not)
        {
            throw Error($"expected BETWEEN, LIKE, ILIKE or IN after NOT, found {Peek.Describe()}");
        }

        return left;
    }

    private AdqlExpr Additive()
    {
        var left = Multiplicative();
        while (Peek.Kind == AdqlTokenKind.Symbol && Peek.Text is "+" or "-" or "||")
        {
            var op = Take().Text;
            left = new Binary(op, left, Multiplicative());
        }

        return left;
    }

    private AdqlExpr Multiplicative()
    {
        var left = Unary();
        while (Peek.Kind == AdqlTokenKind.Symbol && Peek.Text is "*" or "/")
        {
            var op = Take().Text;
            left = new Binary(op, left, Unary());
        }

        return left;
    }

    private AdqlExpr Unary()
    {
        if (AcceptSymbol("-"))
        {
            return new Negate(Unary());
        }

        // A unary plus changes nothing, so the tree does not keep it.
        return AcceptSymbol("+") ? Unary() : Primary();
    }

    private AdqlExpr Primary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case AdqlTokenKind.Integer:
                _next++;
                return new IntegerLiteral(long.Parse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture));
            case AdqlTokenKind.Real:
                _next++;
                return new RealLiteral(double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case AdqlTokenKind.String:
                _next++;
                return new StringLiteral(t.Text);
            case AdqlTokenKind.Word when t.Is("EXISTS"):
                _next++;
                ExpectSymbol("(");
                var exists = new Exists(Query());
                ExpectSymbol(")");
                return exists;
            case AdqlTokenKind.Symbol when t.Text == "(" && _tokens[_next + 1].Is("SELECT"):
                throw new AdqlException("a subquery as a value is not supported; use IN (SELECT …) or EXISTS (SELECT …)", _tokens[_next + 1].Line, _tokens[_next + 1].Column);
            case AdqlTokenKind.Symbol when t.Text == "(":
                _next++;
                var inner = Expression();
                ExpectSymbol(")");
                return inner;
            case AdqlTokenKind.Word when _tokens[_next + 1].IsSymbol("(") && Functions.ContainsKey(t.Text):
                return FunctionCall();
            case AdqlTokenKind.Word or AdqlTokenKind.QuotedName:
                return Column();
            default:
                throw Error($"expected a value, found {t.Describe()}");
        }
    }

    private Call FunctionCall()
    {
        var nameToken = Take();
        var name = nameToken.Text.ToUpperInvariant();
        _next++; // (
        var distinct = false;
        var args = new List<AdqlExpr>();
        if (name == "COUNT" && AcceptSymbol("*"))
        {
            ExpectSymbol(")");
            return new Call(name, Seq<AdqlExpr>.Empty);
        }

        if (Call.Aggregates.Contains(name))
        {
            distinct = Accept("DISTINCT");
            if (!distinct)
            {
                Accept("ALL");
            }
        }

        if (!Peek.IsSymbol(")"))
        {
            args.Add(Expression());
            while (AcceptSymbol(","))
            {
                args.Add(Expression());
            }
        }

        var (min, max) = Functions[name];
        if (args.Count < min || args.Count > max)
        {
            var wanted = min == max ? $"{min}" : max > 100 ? $"at least {min}" : $"{min} to {max}";
            throw new AdqlException($"{name} takes {wanted} argument(s), not {args.Count}", nameToken.Line, nameToken.Column);
        }

        ExpectSymbol(")");
        return new Call(name, new(args), distinct);
    }

    private ColumnRef Column()
    {
        var parts = new List<Name> { NameToken("a column name") };
        while (parts.Count < 3 && AcceptSymbol("."))
        {
            parts.Add(NameToken("a column name after '.'"));
        }

        return parts.Count switch
        {
            1 => new ColumnRef(null, null, parts[0]),
            2 => new ColumnRef(null, parts[0], parts[1]),
            _ => new ColumnRef(parts[0], parts[1], parts[2]),
        };
    }
}

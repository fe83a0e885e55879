using System.Globalization;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>What kind of token the lexer found.</summary>
internal enum AdqlTokenKind
{
    /// <summary>A regular identifier or keyword (compared without case).</summary>
    Word,

    /// <summary>A delimited identifier: <c>"…"</c>, compared with case.</summary>
    QuotedName,

    /// <summary>An unsigned integer literal.</summary>
    Integer,

    /// <summary>An unsigned real literal (with a point or an exponent).</summary>
    Real,

    /// <summary>A character string literal <c>'…'</c>.</summary>
    String,

    /// <summary>Punctuation or an operator: <c>( ) , . * + - / = &lt;&gt; != &lt; &lt;= &gt; &gt;= ||</c>.</summary>
    Symbol,

    /// <summary>The end of the query.</summary>
    End,
}

/// <summary>One token with where it starts (line and column from 1).</summary>
internal readonly record struct AdqlToken(AdqlTokenKind Kind, string Text, int Line, int Column)
{
    /// <summary>Whether this is the keyword <paramref name="word"/> (case-insensitive).</summary>
    public bool Is(string word) => Kind == AdqlTokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == AdqlTokenKind.Symbol && Text == symbol;

    public string Describe() => Kind switch
    {
        AdqlTokenKind.End => "the end of the query",
        AdqlTokenKind.String => $"'{Text}'",
        AdqlTokenKind.QuotedName => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// ADQL 2.1 tokens (§2.1): regular and delimited identifiers, unsigned numeric literals, string literals with
/// <c>''</c> escapes, operators, and <c>--</c> comments to the end of the line, which are skipped.
/// </summary>
internal static class AdqlLexer
{
    /// <summary>
    /// The ADQL reserved words that this parser gives a meaning to, plus the SQL ones a regular identifier may not
    /// be (ADQL 2.1 §2.1.2); a column of that name must be written as a delimited identifier.
    /// </summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "AS", "ASC", "AVG", "BETWEEN", "BY", "COUNT", "CROSS", "DESC", "DISTINCT", "EXISTS", "FALSE",
        "FROM", "FULL", "GROUP", "HAVING", "ILIKE", "IN", "INNER", "IS", "JOIN", "LEFT", "LIKE", "MAX", "MIN", "NATURAL", "NOT",
        "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "RIGHT", "SELECT", "SIZE", "SUM", "TOP", "TRUE", "UNION",
        "USING", "VALUE", "VALUES", "WHERE", "WITH", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "INTERSECT", "EXCEPT",
    };

    public static bool IsReserved(string word) => Reserved.Contains(word);

    /// <summary>A letter, then letters, digits or underscores (ASCII).</summary>
    public static bool IsRegularIdentifier(string text) =>
        text.Length > 0 && char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static List<AdqlToken> Tokenize(string text)
    {
        var tokens = new List<AdqlToken>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (true)
        {
            // Whitespace and comments.
            while (i < text.Length)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                    i++;
                }
                else if (char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
                else if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    break;
                }
            }

            var column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new AdqlToken(AdqlTokenKind.End, "", line, column));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new AdqlToken(AdqlTokenKind.Word, text[start..i], line, column));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(Number(text, ref i, line, column));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(Quoted(text, ref i, ref line, ref lineStart, column));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "<>" or "!=" or "<=" or ">=" or "||")
                {
                    tokens.Add(new AdqlToken(AdqlTokenKind.Symbol, two == "!=" ? "<>" : two, line, column));
                    i += 2;
                }
                else if ("(),.*+-/=<>%".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(new AdqlToken(AdqlTokenKind.Symbol, c.ToString(), line, column));
                    i++;
                }
                else
                {
                    throw new AdqlException($"unexpected character '{c}'", line, column);
                }
            }
        }
    }

    private static AdqlToken Number(string text, ref int i, int line, int column)
    {
        var start = i;
        var real = false;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            real = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var e = i + 1;
            if (e < text.Length && text[e] is '+' or '-')
            {
                e++;
            }

            if (e >= text.Length || !char.IsAsciiDigit(text[e]))
            {
                throw new AdqlException($"the exponent of '{text[start..e]}' has no digits", line, column);
            }

            real = true;
            i = e;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            throw new AdqlException($"'{text[start..(i + 1)]}' is neither a number nor a name", line, column);
        }

        var literal = text[start..i];
        if (!real && !long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new AdqlException($"the integer {literal} is too large (at most {long.MaxValue})", line, column);
        }

        return new AdqlToken(real ? AdqlTokenKind.Real : AdqlTokenKind.Integer, literal, line, column);
    }

    private static AdqlToken Quoted(string text, ref int i, ref int line, ref int lineStart, int column)
    {
        var quote = text[i];
        var startLine = line;
        var value = new System.Text.StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new AdqlException(quote == '\'' ? "a string literal is not closed" : "a delimited identifier is not closed", startLine, column);
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }

            value.Append(text[i]);
            i++;
        }

        if (quote == '"' && value.Length == 0)
        {
            throw new AdqlException("a delimited identifier is empty", startLine, column);
        }

        return new AdqlToken(quote == '\'' ? AdqlTokenKind.String : AdqlTokenKind.QuotedName, value.ToString(), startLine, column);
    }
}

namespace Stoa.Cwl.Expressions;

/// <summary>Finds <c>$(…)</c> and <c>${…}</c> spans in a string, balancing brackets and skipping JS string literals.</summary>
internal static class ExpressionScanner
{
    /// <summary>A span found: <paramref name="Start"/> at '$' (or at '\' of an escape), <paramref name="End"/> exclusive.</summary>
    public readonly record struct Span(int Start, int End, bool IsEscape);

    public static bool HasExpression(string s) =>
        s.Contains("$(", StringComparison.Ordinal) || s.Contains("${", StringComparison.Ordinal);

    /// <summary>The next expression or escape at or after <paramref name="from"/>, or null.</summary>
    public static Span? Next(string s, int from)
    {
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                return new Span(i, i + 2, true);
            }

            if (c == '$' && i + 1 < s.Length && (s[i + 1] == '(' || s[i + 1] == '{'))
            {
                var end = Balance(s, i + 1);
                if (end < 0)
                {
                    throw new CwlExpressionException($"unterminated expression in '{s}'");
                }

                return new Span(i, end, false);
            }
        }

        return null;
    }

    /// <summary>Index just past the bracket matching the one at <paramref name="open"/>, or -1.</summary>
    private static int Balance(string s, int open)
    {
        var stack = new Stack<char>();
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '(' or '{' or '[':
                    stack.Push(c);
                    break;
                case ')' or '}' or ']':
                    if (stack.Count == 0)
                    {
                        return -1;
                    }

                    var o = stack.Pop();
                    if ((o, c) is not (('(', ')') or ('{', '}') or ('[', ']')))
                    {
                        return -1;
                    }

                    if (stack.Count == 0)
                    {
                        return i + 1;
                    }

                    break;
                case '"' or '\'' or '`':
                    i++;
                    while (i < s.Length && s[i] != c)
                    {
                        if (s[i] == '\\')
                        {
                            i++;
                        }

                        i++;
                    }

                    break;
            }
        }

        return -1;
    }
}

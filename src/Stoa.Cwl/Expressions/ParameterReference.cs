using System.Globalization;
using System.Text.Json.Nodes;

namespace Stoa.Cwl.Expressions;

/// <summary>
/// Evaluates CWL parameter references (<c>inputs.x.path</c>, <c>self[0]</c>, <c>runtime['outdir']</c>) without a
/// JavaScript engine, as the spec requires when InlineJavascriptRequirement is absent.
/// </summary>
internal static class ParameterReference
{
    public static JsonNode? Evaluate(string expr, ExpressionScope scope)
    {
        var s = expr.Trim();
        switch (s)
        {
            case "null":
                return null;
            case "true":
                return JsonValue.Create(true);
            case "false":
                return JsonValue.Create(false);
        }

        var i = 0;
        var symbol = ReadSymbol(s, ref i);
        var depth = 0;
        JsonNode? current = symbol switch
        {
            "inputs" => scope.Inputs,
            "self" => scope.Self,
            "runtime" => scope.Runtime,
            _ => throw new CwlExpressionException($"'{expr}': unknown root '{symbol}' (expected inputs, self or runtime; JavaScript needs InlineJavascriptRequirement)"),
        };
        while (i < s.Length)
        {
            string? key = null;
            int? index = null;
            if (s[i] == '.')
            {
                i++;
                key = ReadSymbol(s, ref i);
            }
            else if (s[i] == '[')
            {
                i++;
                if (i < s.Length && (s[i] == '\'' || s[i] == '"'))
                {
                    var q = s[i++];
                    var sb = new System.Text.StringBuilder();
                    while (i < s.Length && s[i] != q)
                    {
                        if (s[i] == '\\' && i + 1 < s.Length)
                        {
                            i++;
                        }

                        sb.Append(s[i++]);
                    }

                    key = sb.ToString();
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }

                    if (start == i)
                    {
                        throw Bad(expr);
                    }

                    index = int.Parse(s[start..i], CultureInfo.InvariantCulture);
                }

                if (i >= s.Length || s[i] != ']')
                {
                    throw Bad(expr);
                }

                i++;
            }
            else
            {
                throw Bad(expr);
            }

            if (depth == 0 && symbol == "inputs" && key is not null && current is JsonObject io && !io.ContainsKey(key))
            {
                throw new CwlExpressionException($"'{expr}': '{key}' is not an input of this process");
            }

            current = Step(current, key, index, expr);
            depth++;
        }

        return current?.DeepClone();
    }

    private static JsonNode? Step(JsonNode? current, string? key, int? index, string expr)
    {
        switch (current)
        {
            case JsonObject o when key is not null:
                if (!o.TryGetPropertyValue(key, out var v))
                {
                    return null;
                }

                return v;
            case JsonArray a when key == "length":
                return JsonValue.Create((long)a.Count);
            case JsonArray a when index is { } n:
                if (n >= a.Count)
                {
                    throw new CwlExpressionException($"'{expr}': index {n} out of range (length {a.Count})");
                }

                return a[n];
            case null:
                throw new CwlExpressionException($"'{expr}': cannot take '{key ?? index?.ToString(CultureInfo.InvariantCulture)}' of null");
            default:
                throw new CwlExpressionException($"'{expr}': cannot take '{key ?? index?.ToString(CultureInfo.InvariantCulture)}' of {Types.DescribeValue(current)}");
        }
    }

    private static string ReadSymbol(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }

        if (start == i)
        {
            throw Bad(s);
        }

        return s[start..i];
    }

    private static CwlExpressionException Bad(string expr) =>
        new($"'{expr}' is not a parameter reference (JavaScript needs InlineJavascriptRequirement)");
}

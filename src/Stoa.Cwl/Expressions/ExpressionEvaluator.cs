using System.Text;
using System.Text.Json.Nodes;

namespace Stoa.Cwl.Expressions;

/// <summary>
/// Evaluates CWL string values that may contain <c>$(…)</c> or <c>${…}</c>: a whole-string expression yields its
/// value; otherwise parts are interpolated as text. Parameter references need no JavaScript engine.
/// </summary>
internal sealed class ExpressionEvaluator
{
    private readonly JavaScriptEngine _js;

    public ExpressionEvaluator(JavaScriptEngine js, bool javascript, IReadOnlyList<string> expressionLib)
    {
        _js = js;
        JavaScript = javascript;
        ExpressionLib = expressionLib;
    }

    public bool JavaScript { get; }

    public IReadOnlyList<string> ExpressionLib { get; }

    /// <summary>Evaluates <paramref name="value"/> if it is a string containing an expression; else returns it unchanged.</summary>
    public JsonNode? Evaluate(JsonNode? value, ExpressionScope scope, bool stripWhitespace = true)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s) && ExpressionScanner.HasExpression(s))
        {
            return Interpolate(s, scope, stripWhitespace);
        }

        return value?.DeepClone();
    }

    public static bool IsExpression(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && ExpressionScanner.HasExpression(s);

    public JsonNode? Interpolate(string text, ExpressionScope scope, bool stripWhitespace = true)
    {
        // Surrounding whitespace is dropped (so "$(x)\n" still yields x's value), except in file contents.
        var s = stripWhitespace ? text.Trim() : text;
        var parts = new StringBuilder();
        var pos = 0;
        var pieces = 0;
        while (ExpressionScanner.Next(s, pos) is { } span)
        {
            parts.Append(s, pos, span.Start - pos);
            if (span.IsEscape)
            {
                // `\$(` and `\${` are a literal `$(` / `${`; `\\` is one backslash; other escapes stay as written.
                var next = s[span.Start + 1];
                if (next == '$' && span.Start + 2 < s.Length && s[span.Start + 2] is '(' or '{')
                {
                    parts.Append('$').Append(s[span.Start + 2]);
                    pos = span.Start + 3;
                }
                else if (next == '\\')
                {
                    parts.Append('\\');
                    pos = span.End;
                }
                else
                {
                    parts.Append(s, span.Start, 2);
                    pos = span.End;
                }

                pieces++;
                continue;
            }

            var result = EvaluateOne(s[span.Start..span.End], scope);
            if (span.Start == 0 && span.End == s.Length && pieces == 0)
            {
                return result;
            }

            parts.Append(JsonText.ToText(result));
            pieces++;
            pos = span.End;
        }

        parts.Append(s, pos, s.Length - pos);
        return JsonValue.Create(parts.ToString());
    }

    private JsonNode? EvaluateOne(string expr, ExpressionScope scope)
    {
        var body = expr[2..^1];
        if (expr[1] == '{')
        {
            if (!JavaScript)
            {
                throw new CwlExpressionException($"'{expr}' is a JavaScript function body; it needs InlineJavascriptRequirement");
            }

            return _js.Evaluate(body, isFunctionBody: true, ExpressionLib, scope);
        }

        if (!JavaScript)
        {
            return ParameterReference.Evaluate(body, scope);
        }

        // Plain references stay off the JS engine even when JavaScript is allowed: starting Jint is slow.
        if (LooksLikeReference(body))
        {
            try
            {
                return ParameterReference.Evaluate(body, scope);
            }
            catch (CwlExpressionException)
            {
                // fall through to JavaScript semantics (e.g. undefined members)
            }
        }

        return _js.Evaluate(body, isFunctionBody: false, ExpressionLib, scope);
    }

    private static bool LooksLikeReference(string body)
    {
        foreach (var c in body)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']' or '\'' or '"'))
            {
                return false;
            }
        }

        return body.StartsWith("inputs", StringComparison.Ordinal) || body.StartsWith("self", StringComparison.Ordinal) ||
               body.StartsWith("runtime", StringComparison.Ordinal);
    }
}

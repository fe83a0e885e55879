using System.Text;
using System.Text.Json.Nodes;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Execution;

/// <summary>
/// Builds a CommandLineTool's command line as the spec orders it: bindings from <c>arguments</c> and from the
/// inputs (walking arrays and records), sorted by their position keys (numbers before strings), then converted
/// per value type, with <c>baseCommand</c> in front.
/// </summary>
internal sealed class CommandLineBuilder
{
    private readonly ExpressionEvaluator _eval;
    private readonly JsonObject _inputs;
    private readonly JsonObject _runtime;

    public CommandLineBuilder(ExpressionEvaluator eval, JsonObject inputs, JsonObject runtime)
    {
        _eval = eval;
        _inputs = inputs;
        _runtime = runtime;
    }

    /// <summary>One command-line word and whether the shell form must quote it.</summary>
    public readonly record struct Word(string Text, bool Quote);

    private sealed record Bound(List<object> Key, JsonObject Binding, JsonNode? Datum, bool IsArgument);

    public List<Word> Build(CwlProcess tool)
    {
        var bound = new List<Bound>();
        for (var i = 0; i < tool.Arguments.Count; i++)
        {
            var arg = tool.Arguments[i];
            var binding = arg is JsonObject ao ? ao : new JsonObject { ["valueFrom"] = arg?.DeepClone() };
            bound.Add(new Bound([Position(binding, null), (long)i], binding, null, true));
        }

        foreach (var p in tool.Inputs)
        {
            Collect(bound, [], p.InputBinding, p.Type, _inputs[p.Id], p.Id, null);
        }

        bound.Sort((a, b) => CompareKeys(a.Key, b.Key));
        var words = tool.BaseCommand.Select(c => new Word(c, true)).ToList();
        foreach (var b in bound)
        {
            words.AddRange(Emit(b));
        }

        return words;
    }

    private void Collect(List<Bound> into, List<object> prefix, JsonObject? binding, JsonNode? type, JsonNode? value, string name, long? lead)
    {
        if (value is null)
        {
            return;
        }

        var t = Types.Select(value, type) ?? type;
        var childPrefix = prefix;
        if (binding is not null)
        {
            var key = new List<object>(prefix);
            if (lead is { } l)
            {
                key.Add(l);
            }

            key.Add(Position(binding, value));
            key.Add(name);
            into.Add(new Bound(key, binding, value, false));
            childPrefix = key;
            if (binding["valueFrom"] is not null)
            {
                return;
            }
        }
        else if (lead is { } l)
        {
            childPrefix = [.. prefix, l];
        }

        if (t is not JsonObject to)
        {
            return;
        }

        switch (Types.Kind(to))
        {
            case "array" when value is JsonArray arr:
                if (binding?["itemSeparator"] is not null)
                {
                    return;
                }

                var itemBinding = to["inputBinding"] as JsonObject ?? (binding is not null ? new JsonObject() : null);
                for (var i = 0; i < arr.Count; i++)
                {
                    Collect(into, childPrefix, itemBinding, to["items"], arr[i], name, i);
                }

                break;
            case "record" when value is JsonObject rec && to["fields"] is JsonArray fields:
                foreach (var f in fields.OfType<JsonObject>())
                {
                    var fname = FileObjects.Str(f["name"]) ?? "";
                    Collect(into, childPrefix, f["inputBinding"] as JsonObject, f["type"], rec[fname], fname, null);
                }

                break;
        }
    }

    private long Position(JsonObject binding, JsonNode? self)
    {
        var pos = binding["position"];
        if (pos is null)
        {
            return 0;
        }

        if (ExpressionEvaluator.IsExpression(pos))
        {
            pos = _eval.Evaluate(pos, new ExpressionScope(_inputs, self, _runtime));
        }

        if (pos is null)
        {
            return 0;
        }

        if (pos is JsonValue v && v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (Types.Number(pos) is { } d)
        {
            return (long)d;
        }

        throw new CwlExpressionException($"inputBinding.position must be an integer, got {pos?.ToJsonString() ?? "null"}");
    }

    private static int CompareKeys(List<object> a, List<object> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = (a[i], b[i]) switch
            {
                (long x, long y) => x.CompareTo(y),
                (long, string) => -1,
                (string, long) => 1,
                (string x, string y) => string.CompareOrdinal(x, y),
                _ => 0,
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private IEnumerable<Word> Emit(Bound b)
    {
        var binding = b.Binding;
        var value = b.Datum;
        if (binding["valueFrom"] is { } vf)
        {
            value = _eval.Evaluate(vf, new ExpressionScope(_inputs, b.Datum, _runtime));
        }

        var prefix = FileObjects.Str(binding["prefix"]);
        var separate = binding["separate"] is not JsonValue sv || !sv.TryGetValue<bool>(out var sep) || sep;
        var quote = binding["shellQuote"] is not JsonValue qv || !qv.TryGetValue<bool>(out var q) || q;
        var itemSeparator = FileObjects.Str(binding["itemSeparator"]);

        IEnumerable<Word> WithPrefix(string text)
        {
            if (prefix is null)
            {
                return [new Word(text, quote)];
            }

            return separate ? [new Word(prefix, quote), new Word(text, quote)] : [new Word(prefix + text, quote)];
        }

        switch (value)
        {
            case null:
                return [];
            case JsonValue jv when Types.IsBool(jv):
                return jv.GetValue<bool>() && prefix is not null ? [new Word(prefix, quote)] : [];
            case JsonArray arr:
                if (arr.Count == 0)
                {
                    return [];
                }

                if (itemSeparator is not null)
                {
                    return WithPrefix(string.Join(itemSeparator, arr.Select(ToText)));
                }

                if (binding["valueFrom"] is not null)
                {
                    var words = new List<Word>();
                    if (prefix is not null)
                    {
                        words.Add(new Word(prefix, quote));
                    }

                    words.AddRange(arr.Select(x => new Word(ToText(x), quote)));
                    return words;
                }

                return prefix is not null ? [new Word(prefix, quote)] : [];
            case JsonObject o when Types.ClassOf(o) is "File" or "Directory":
                return WithPrefix(ToText(o));
            case JsonObject:
                return prefix is not null ? [new Word(prefix, quote)] : [];
            default:
                return WithPrefix(ToText(value));
        }
    }

    public static string ToText(JsonNode? v) =>
        v is JsonObject o && Types.ClassOf(o) is "File" or "Directory" ? FileObjects.Str(o["path"]) ?? FileObjects.Str(o["location"]) ?? "" : JsonText.ToText(v);

    /// <summary>POSIX shell quoting: safe words unchanged, others in single quotes.</summary>
    public static string ShellQuote(string s)
    {
        if (s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./-_".Contains(c, StringComparison.Ordinal)))
        {
            return s;
        }

        return "'" + s.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }

    public static string JoinShell(IEnumerable<Word> words)
    {
        var sb = new StringBuilder();
        foreach (var w in words)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(w.Quote ? ShellQuote(w.Text) : w.Text);
        }

        return sb.ToString();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stoa.Cwl.Loading;

/// <summary>
/// Reads YAML (and therefore JSON) text into a <see cref="JsonNode"/> tree, resolving plain scalars with the
/// YAML 1.2 core schema (as CWL's reference loader does) and recording each node's line and column.
/// </summary>
internal static class YamlReader
{
    public static JsonNode? Read(string text, string file, LocationMap locations)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // YamlDotNet may wrap the parser's exception; the located one is somewhere in the chain.
            var located = ex;
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                if (e is YamlException ye && ye.Start.Line > 0)
                {
                    located = ye;
                }
            }

            throw new CwlValidationException(new CwlValidationError(
                new SourceLocation(file, (int)located.Start.Line, (int)located.Start.Column), "", "YAML syntax error: " + Innermost(ex).Message));
        }

        catch (InvalidOperationException ex)
        {
            // Some malformed inputs make YamlDotNet's scanner throw without a mark: locate by replaying the events.
            var (line, column) = LastGoodMark(text);
            throw new CwlValidationException(new CwlValidationError(
                new SourceLocation(file, line, column), "", "YAML syntax error near here (the scanner gave up: " + ex.GetType().Name + ")"));
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        return Convert(stream.Documents[0].RootNode, file, locations, seen, "");
    }

    private static (int Line, int Column) LastGoodMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        var line = 1;
        var column = 1;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is { } e)
                {
                    line = (int)e.End.Line;
                    column = (int)e.End.Column;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // the failure point follows the last event read
        }

        return (line, column);
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static JsonNode? Convert(YamlNode node, string file, LocationMap locations, HashSet<YamlNode> seen, string path)
    {
        var loc = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        if (!seen.Add(node) && node is not YamlScalarNode)
        {
            // An alias to an already converted node: convert again (a JSON tree has one parent per node).
            seen.Remove(node);
            var again = Convert(node, file, locations, seen, path);
            return again;
        }

        JsonNode? result;
        switch (node)
        {
            case YamlScalarNode scalar:
                result = Scalar(scalar);
                break;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                var i = 0;
                foreach (var child in seq.Children)
                {
                    arr.Add(Convert(child, file, locations, seen, $"{path}[{i++}]"));
                }

                result = arr;
                break;
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode ks || ks.Value is null)
                    {
                        throw new CwlValidationException(new CwlValidationError(
                            new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column), path, "mapping keys must be plain strings"));
                    }

                    if (obj.ContainsKey(ks.Value))
                    {
                        throw new CwlValidationException(new CwlValidationError(
                            new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column), path, $"duplicate key '{ks.Value}'"));
                    }

                    obj[ks.Value] = Convert(value, file, locations, seen, path.Length == 0 ? ks.Value : path + "." + ks.Value);
                }

                result = obj;
                break;
            default:
                result = null;
                break;
        }

        if (result is not null)
        {
            locations.Set(result, loc);
        }

        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
            or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return ResolvePlain(text);
    }

    /// <summary>YAML 1.2 core schema resolution of a plain scalar.</summary>
    internal static JsonNode? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return JsonValue.Create(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return JsonValue.Create(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return JsonValue.Create(double.NaN);
        }

        if (LooksInteger(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return JsonValue.Create(l);
            }

            // Beyond 64 bits: keep the magnitude as a double rather than turning a number into a string.
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        else if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2 &&
                 long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        else if (LooksFloat(text) &&
                 double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private static bool LooksInteger(string s)
    {
        var i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i >= s.Length)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            if (s[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksFloat(string s)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '-' || s[i] == '+'))
            {
                i++;
            }

            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                exp++;
            }

            if (exp == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stoa.Cwl;

/// <summary>How CWL turns values into text: numbers in plain decimal, objects as sorted JSON.</summary>
internal static class JsonText
{
    /// <summary>The command-line / interpolation form of a scalar; objects and arrays as JSON.</summary>
    public static string ToText(JsonNode? v) => v switch
    {
        null => "null",
        JsonValue jv when jv.GetValueKind() == JsonValueKind.String => jv.GetValue<string>(),
        JsonValue jv when jv.GetValueKind() == JsonValueKind.Number => Number(jv),
        JsonValue jv when jv.GetValueKind() == JsonValueKind.True => "true",
        JsonValue jv when jv.GetValueKind() == JsonValueKind.False => "false",
        _ => Dumps(v),
    };

    public static string Number(JsonValue v)
    {
        if (v.TryGetValue<long>(out var l))
        {
            return l.ToString(CultureInfo.InvariantCulture);
        }

        return Number(Types.Number(v) ?? 0);
    }

    /// <summary>A double in plain decimal notation (never exponent notation); integral values without a point.</summary>
    public static string Number(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return d.ToString(CultureInfo.InvariantCulture);
        }

        if (Math.Floor(d) == d && Math.Abs(d) < 1e15)
        {
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        if (e < 0)
        {
            return r;
        }

        // Expand mantissa·10^exp into plain digits.
        var mantissa = r[..e];
        var exp = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        var negative = mantissa.StartsWith('-');
        if (negative)
        {
            mantissa = mantissa[1..];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var intLen = (point < 0 ? mantissa.Length : point) + exp;
        string result;
        if (intLen <= 0)
        {
            result = "0." + new string('0', -intLen) + digits;
        }
        else if (intLen >= digits.Length)
        {
            result = digits + new string('0', intLen - digits.Length);
        }
        else
        {
            result = digits[..intLen] + "." + digits[intLen..];
        }

        return negative ? "-" + result : result;
    }

    /// <summary>JSON with sorted keys and ", " / ": " separators, as CWL reference output prints objects in strings.</summary>
    public static string Dumps(JsonNode? v)
    {
        var sb = new StringBuilder();
        Write(sb, v);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? v)
    {
        switch (v)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, val) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    sb.Append(JsonValue.Create(k).ToJsonString()).Append(": ");
                    Write(sb, val);
                }

                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(sb, a[i]);
                }

                sb.Append(']');
                break;
            case JsonValue jv when jv.GetValueKind() == JsonValueKind.Number:
                sb.Append(Number(jv));
                break;
            default:
                sb.Append(v.ToJsonString(Options));
                break;
        }
    }

    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

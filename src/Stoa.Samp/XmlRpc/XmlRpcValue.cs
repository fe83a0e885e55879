using System.Globalization;
using System.Xml.Linq;

namespace Stoa.Samp.XmlRpc;

/// <summary>
/// The XML-RPC subset SAMP uses: strings, arrays and structs (SAMP sends numbers and booleans as strings).
/// Other scalar types a hub might send back (int, boolean, double) are read as their string form so that
/// nothing a conforming hub says is rejected.
/// </summary>
internal static class XmlRpcValue
{
    /// <summary>Serialises a value: string, IEnumerable of values, or IReadOnlyDictionary of string → value.</summary>
    public static XElement ToXml(object value) => new("value", value switch
    {
        string s => new XElement("string", s),
        IReadOnlyDictionary<string, object> map => new XElement("struct",
            map.Select(kv => new XElement("member", new XElement("name", kv.Key), ToXml(kv.Value)))),
        IEnumerable<object> items => new XElement("array", new XElement("data", items.Select(ToXml))),
        _ => throw new ArgumentException($"SAMP carries only strings, lists and maps, not {value.GetType().Name}.", nameof(value)),
    });

    /// <summary>Parses a <c>&lt;value&gt;</c> element into string, List of object or Dictionary of string → object.</summary>
    public static object FromXml(XElement value)
    {
        var typed = value.Elements().FirstOrDefault();
        if (typed is null)
        {
            return value.Value; // an untyped <value>text</value> is a string
        }

        return typed.Name.LocalName switch
        {
            "string" => typed.Value,
            "int" or "i4" or "i8" or "double" => typed.Value.Trim(),
            "boolean" => typed.Value.Trim() == "1" ? "1" : "0",
            "array" => typed.Element("data")?.Elements("value").Select(FromXml).ToList() ?? [],
            "struct" => typed.Elements("member").ToDictionary(
                m => m.Element("name")?.Value ?? throw new SampException("XML-RPC struct member without a name."),
                m => FromXml(m.Element("value") ?? throw new SampException("XML-RPC struct member without a value."))),
            var other => throw new SampException(string.Create(CultureInfo.InvariantCulture, $"XML-RPC type <{other}> is not used by SAMP.")),
        };
    }
}

using System.Text;

namespace Stoa.Provenance;

/// <summary>PROV-N writer: one statement per line, streamed; every optional position written out (with <c>-</c>).</summary>
internal sealed class ProvNSink(Stream output) : ProvSink
{
    private readonly StreamWriter _w = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    private readonly StringBuilder _line = new(256);
    private string _indent = "  ";

    public override void StartDocument(IReadOnlyList<ProvNamespace> namespaces)
    {
        _w.WriteLine("document");
        WritePrefixes(namespaces);
    }

    public override void StartBundle(QualifiedName id, IReadOnlyList<ProvNamespace> namespaces)
    {
        _w.WriteLine();
        _w.WriteLine($"{_indent}bundle {Name(id)}");
        _indent = "    ";
        WritePrefixes(namespaces);
    }

    public override void EndBundle()
    {
        _indent = "  ";
        _w.WriteLine($"{_indent}endBundle");
    }

    public override void EndDocument()
    {
        _w.WriteLine("endDocument");
        _w.Flush();
    }

    public override void Dispose() => _w.Dispose();

    public override void Write(ProvRecord record)
    {
        var sb = _line.Clear().Append(_indent);
        switch (record)
        {
            case ProvEntity e:
                sb.Append("entity(").Append(Name(e.Id));
                break;
            case ProvAgent g:
                sb.Append("agent(").Append(Name(g.Id));
                break;
            case ProvActivity a:
                sb.Append("activity(").Append(Name(a.Id)).Append(", ").Append(Time(a.StartTime)).Append(", ").Append(Time(a.EndTime));
                break;
            case ProvRelation r:
                var shape = r.Shape;
                sb.Append(shape.Keyword).Append('(');
                if (r.Id is { } id)
                {
                    sb.Append(Name(id)).Append("; ");
                }

                for (var i = 0; i < r.Terms.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ", ").Append(r.Terms[i] is { } t ? Name(t) : "-");
                }

                if (shape.HasTime)
                {
                    sb.Append(", ").Append(Time(r.Time));
                }

                break;
        }

        if (record.Attributes.Count > 0)
        {
            sb.Append(", [");
            for (var i = 0; i < record.Attributes.Count; i++)
            {
                var attr = record.Attributes[i];
                sb.Append(i == 0 ? "" : ", ").Append(Name(attr.Name)).Append('=');
                AppendValue(sb, attr.Value);
            }

            sb.Append(']');
        }

        sb.Append(')');
        _w.WriteLine(sb);
    }

    private void WritePrefixes(IReadOnlyList<ProvNamespace> namespaces)
    {
        foreach (var ns in namespaces)
        {
            _w.WriteLine($"{_indent}prefix {ns.Prefix} <{ns.Uri}>");
        }

        if (namespaces.Count > 0)
        {
            _w.WriteLine();
        }
    }

    internal static string Name(QualifiedName name) => name.Namespace.Prefix + ":" + ProvSyntax.EscapeProvNLocal(name.LocalPart);

    private static string Time(DateTimeOffset? time) => time is { } t ? ProvTime.Format(t) : "-";

    internal static void AppendValue(StringBuilder sb, ProvValue value)
    {
        if (value.Name is { } qn)
        {
            sb.Append('\'').Append(Name(qn)).Append('\'');
            return;
        }

        AppendString(sb, value.Lexical);
        if (value.Language is { } lang)
        {
            sb.Append('@').Append(lang);
        }
        else if (value.Datatype is { } dt)
        {
            sb.Append(" %% ").Append(Name(dt));
        }
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '\b' => sb.Append("\\b"),
                '\f' => sb.Append("\\f"),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }
}

using System.Text;

namespace Stoa.Provenance;

/// <summary>PROV-N writer: one statement per line, streamed; every optional position written out (with <c>-</c>).</summary>
internal sealed class ProvNSink(Stream output) : ProvSink
{
    private readonly StreamWriter _w = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    private readonly StringBuilder _line = new(256);
    private readonly char[] _time = new char[48];
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
                AppendName(sb.Append("entity("), e.Id);
                break;
            case ProvAgent g:
                AppendName(sb.Append("agent("), g.Id);
                break;
            case ProvActivity a:
                AppendName(sb.Append("activity("), a.Id);
                AppendTime(sb.Append(", "), a.StartTime);
                AppendTime(sb.Append(", "), a.EndTime);
                break;
            case ProvRelation r:
                var shape = r.Shape;
                sb.Append(shape.Keyword).Append('(');
                if (r.Id is { } id)
                {
                    AppendName(sb, id).Append("; ");
                }

                for (var i = 0; i < r.Terms.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ", ");
                    if (r.Terms[i] is { } t)
                    {
                        AppendName(sb, t);
                    }
                    else
                    {
                        sb.Append('-');
                    }
                }

                if (shape.HasTime)
                {
                    AppendTime(sb.Append(", "), r.Time);
                }

                break;
        }

        if (record.Attributes.Count > 0)
        {
            sb.Append(", [");
            for (var i = 0; i < record.Attributes.Count; i++)
            {
                var attr = record.Attributes[i];
                AppendName(sb.Append(i == 0 ? "" : ", "), attr.Name).Append('=');
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

    private void AppendTime(StringBuilder sb, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            sb.Append(_time, 0, ProvTime.Format(t, _time));
        }
        else
        {
            sb.Append('-');
        }
    }

    private static StringBuilder AppendName(StringBuilder sb, QualifiedName name) =>
        sb.Append(name.Namespace.Prefix).Append(':').Append(ProvSyntax.EscapeProvNLocal(name.LocalPart));

    internal static void AppendValue(StringBuilder sb, ProvValue value)
    {
        if (value.Name is { } qn)
        {
            AppendName(sb.Append('\''), qn).Append('\'');
            return;
        }

        AppendString(sb, value.Lexical);
        if (value.Language is { } lang)
        {
            sb.Append('@').Append(lang);
        }
        else if (value.Datatype is { } dt)
        {
            AppendName(sb.Append(" %% "), dt);
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

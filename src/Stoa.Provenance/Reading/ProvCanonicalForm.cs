using System.Text;

namespace Stoa.Provenance;

/// <summary>
/// A document as a sorted list of lines with every name expanded to its URI and every time in UTC, so two documents
/// read from different serialisations compare equal exactly when they state the same records.
/// </summary>
internal static class ProvCanonicalForm
{
    public static IReadOnlyList<string> Lines(ProvDocument document)
    {
        var lines = new List<string>();
        AddRecords(lines, "", document.Records);
        foreach (var bundle in document.Bundles)
        {
            lines.Add("bundle " + bundle.Id.Uri);
            AddRecords(lines, bundle.Id.Uri + " ", bundle.Records);
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void AddRecords(List<string> lines, string prefix, IReadOnlyList<ProvRecord> records)
    {
        foreach (var record in ProvMerge.MergeElements(records))
        {
            var sb = new StringBuilder(prefix);
            switch (record)
            {
                case ProvEntity e:
                    sb.Append("entity ").Append(e.Id.Uri);
                    break;
                case ProvAgent g:
                    sb.Append("agent ").Append(g.Id.Uri);
                    break;
                case ProvActivity a:
                    sb.Append("activity ").Append(a.Id.Uri).Append(' ').Append(Time(a.StartTime)).Append(' ').Append(Time(a.EndTime));
                    break;
                case ProvRelation r:
                    sb.Append(r.Shape.Keyword).Append(' ').Append(r.Id?.Uri ?? "-");
                    foreach (var t in r.Terms)
                    {
                        sb.Append(' ').Append(t?.Uri ?? "-");
                    }

                    sb.Append(' ').Append(Time(r.Time));
                    break;
            }

            var attributes = record.Attributes.Select(a => a.Name.Uri + "=" + Value(a.Value)).Order(StringComparer.Ordinal);
            sb.Append(" [").AppendJoin(", ", attributes).Append(']');
            lines.Add(sb.ToString());
        }
    }

    private static string Time(DateTimeOffset? time) => time is { } t ? ProvTime.Format(t.ToUniversalTime()) : "-";

    private static string Value(ProvValue v) =>
        v.Name is { } qn ? "<" + qn.Uri + ">"
        : v.Language is { } lang ? "\"" + v.Lexical + "\"@" + lang.ToLowerInvariant()
        : v.Datatype is { } dt ? "\"" + v.Lexical + "\"^^" + dt.Uri
        : "\"" + v.Lexical + "\"";
}

using System.Text;

namespace Stoa.Worktables.Bundles;

/// <summary>One column as <c>table.txt</c> declares it: name, CWL type spelling, UCD and unit (null when <c>-</c> or absent).</summary>
internal sealed record WtxColumn(string Name, string? Type, string? Ucd, string? Unit);

/// <summary>One data line of <c>table.txt</c>: its line number and one field per column (null = empty).</summary>
internal sealed record WtxRow(int Line, IReadOnlyList<string?> Cells);

/// <summary>
/// <c>table.txt</c>: header lines, then one row per line. The header is either labelled — lines
/// <c>name:</c>, <c>type:</c>, optional <c>ucd:</c> and <c>unit:</c> in any order, each may start with <c>#</c> — or
/// the first three non-blank lines, read as names, types and UCDs (a leading <c>#</c> allowed). After the header,
/// <c>#</c> lines are comments and every other non-blank line is a row with one field per column.
/// </summary>
internal sealed record WtxTableFile(IReadOnlyList<WtxColumn> Columns, IReadOnlyDictionary<string, int> HeaderLines, IReadOnlyList<WtxRow> Rows)
{
    private static readonly string[] Labels = ["name", "type", "ucd", "unit"];

    public static WtxTableFile Parse(WtxText text)
    {
        var lines = text.Lines;
        var header = new Dictionary<string, (int Line, List<string?> Fields)>(StringComparer.Ordinal);
        var i = 0;
        SkipBlank();
        if (i < lines.Count && Label(lines[i]) is not null)
        {
            while (i < lines.Count && (WtxText.IsBlank(lines[i]) || Label(lines[i]) is not null))
            {
                if (Label(lines[i]) is { } l)
                {
                    if (header.ContainsKey(l.Name))
                    {
                        throw text.Error(i + 1, null, $"a second '{l.Name}:' header line.");
                    }

                    header[l.Name] = (i + 1, text.Fields(i + 1, l.After));
                }

                i++;
            }
        }
        else
        {
            foreach (var name in Labels.Take(3))
            {
                if (name == "ucd" && header["name"].Fields.FirstOrDefault() == WtxStoaLayout.BatchIndex && StoaUcdLine() is { } ucd)
                {
                    header[name] = ucd;
                    continue;
                }

                SkipBlank();
                if (i == lines.Count)
                {
                    throw text.Error(Math.Max(1, i), null, $"the header needs three lines (names, types, UCDs); the '{name}' line is missing.");
                }

                header[name] = (i + 1, text.Fields(i + 1, StripHash(lines[i])));
                i++;
            }
        }

        if (!header.TryGetValue("name", out var names))
        {
            throw text.Error(1, null, "no 'name:' header line.");
        }

        if (!header.TryGetValue("type", out var types))
        {
            throw text.Error(names.Line, null, "no 'type:' header line.");
        }

        if (names.Fields.Count == 0)
        {
            throw text.Error(names.Line, null, "the header names no column.");
        }

        foreach (var (label, (line, fields)) in header)
        {
            if (fields.Count != names.Fields.Count)
            {
                throw text.Error(line, null, $"the {label} line has {fields.Count} fields; the header names {names.Fields.Count} columns.");
            }
        }

        var columns = new List<WtxColumn>();
        for (var c = 0; c < names.Fields.Count; c++)
        {
            var name = names.Fields[c] ?? throw text.Error(names.Line, null, $"column {c + 1} has no name ('-').");
            if (columns.Any(x => x.Name == name))
            {
                throw text.Error(names.Line, name, "the column is named twice.");
            }

            columns.Add(new WtxColumn(name, types.Fields[c], header.GetValueOrDefault("ucd").Fields?[c], header.GetValueOrDefault("unit").Fields?[c]));
        }

        var rows = new List<WtxRow>();
        for (; i < lines.Count; i++)
        {
            if (WtxText.IsBlank(lines[i]) || WtxText.IsComment(lines[i]))
            {
                continue;
            }

            var cells = text.Fields(i + 1, lines[i]);
            if (cells.Count != columns.Count)
            {
                throw text.Error(i + 1, null, $"the row has {cells.Count} fields; the header names {columns.Count} columns.");
            }

            rows.Add(new WtxRow(i + 1, cells));
        }

        return new WtxTableFile(columns, header.ToDictionary(h => h.Key, h => h.Value.Line, StringComparer.Ordinal), rows);

        // STOA itself writes the UCD line right after the types, blank when no column has a UCD, and its reader
        // skips blank lines: a blank third line is the (empty) UCD line, and a third line that starts with a batch
        // index is already the first row (a bundle written without UCDs).
        (int Line, List<string?> Fields)? StoaUcdLine()
        {
            var count = header["name"].Fields.Count;
            if (i < lines.Count && WtxText.IsBlank(lines[i]))
            {
                i++;
                return (i, [.. Enumerable.Repeat<string?>(null, count)]);
            }

            SkipBlank();
            if (i < lines.Count && text.Fields(i + 1, lines[i]) is { Count: > 0 } first && WtxStoaLayout.IsBatchIndex(first[0]))
            {
                return (i, [.. Enumerable.Repeat<string?>(null, count)]);
            }

            return null;
        }

        void SkipBlank()
        {
            while (i < lines.Count && WtxText.IsBlank(lines[i]))
            {
                i++;
            }
        }
    }

    /// <summary>Writes the labelled header (unit line only when a column has a unit) and the rows.</summary>
    public static void Write(TextWriter w, IReadOnlyList<WtxColumn> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        void Line(string label, Func<WtxColumn, string?> field) =>
            w.Write($"# {label}: {string.Join(" ", columns.Select(c => WtxText.Quote(field(c))))}\n");
        Line("name", c => c.Name);
        Line("type", c => c.Type);
        Line("ucd", c => c.Ucd);
        if (columns.Any(c => c.Unit is not null))
        {
            Line("unit", c => c.Unit);
        }

        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Clear();
            sb.AppendJoin(' ', row.Select(WtxText.Quote)).Append('\n');
            w.Write(sb);
        }
    }

    private static string StripHash(string line)
    {
        var t = line.TrimStart(' ', '\t');
        return t.StartsWith('#') ? t[1..] : t;
    }

    private static (string Name, string After)? Label(string line)
    {
        var t = StripHash(line).TrimStart(' ', '\t');
        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var label = t[..colon].Trim().ToLowerInvariant();
        return Labels.Contains(label) ? (label, t[(colon + 1)..]) : null;
    }
}

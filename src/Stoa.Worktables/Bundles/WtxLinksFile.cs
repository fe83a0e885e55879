using Stoa.Worktables.Links;

namespace Stoa.Worktables.Bundles;

/// <summary>A link read from <c>links.txt</c>, with the line that declared its parent first (for errors).</summary>
internal sealed record WtxLink(int Line, TableLink Link);

/// <summary>
/// <c>links.txt</c>: how the table's input columns take values from other tables, one column per line:
/// <c>child_column parent_table.parent_column [key]</c>. The lines naming one parent table make one link. A join
/// matches rows on the lines marked <c>key</c> (on the first line of the group when none is marked) and binds the
/// rest. A parent column written <c>source[*]</c> makes the link a generator (one row per element of the parent's
/// array output <c>source</c>), and <c>source[#]</c> names the column receiving the element's index. The parent
/// column is what follows the last dot, so table names may contain dots.
/// </summary>
internal static class WtxLinksFile
{
    public static IReadOnlyList<WtxLink> Parse(WtxText text, string childTable)
    {
        var groups = new List<(string Parent, List<(int Line, string Child, string Column, bool Key)> Pairs)>();
        foreach (var (line, content) in text.DataLines())
        {
            var f = text.Fields(line, content);
            if (f.Count is < 2 or > 3 || f[0] is null || f[1] is null)
            {
                throw text.Error(line, null, "expected 'child_column parent_table.parent_column [key]'.");
            }

            var key = false;
            if (f.Count == 3)
            {
                key = string.Equals(f[2], "key", StringComparison.OrdinalIgnoreCase)
                    ? true
                    : throw text.Error(line, f[0], $"'{f[2]}' is not a marker (only 'key' is).");
            }

            var dot = f[1]!.LastIndexOf('.');
            if (dot <= 0 || dot == f[1]!.Length - 1)
            {
                throw text.Error(line, f[0], $"'{f[1]}' is not 'parent_table.parent_column'.");
            }

            var parent = f[1]![..dot];
            var group = groups.FirstOrDefault(g => g.Parent == parent);
            if (group.Pairs is null)
            {
                group = (parent, []);
                groups.Add(group);
            }

            if (group.Pairs.Any(p => p.Child == f[0]))
            {
                throw text.Error(line, f[0], $"the column is linked to '{parent}' twice.");
            }

            group.Pairs.Add((line, f[0]!, f[1]![(dot + 1)..], key));
        }

        var links = new List<WtxLink>();
        foreach (var (parent, pairs) in groups)
        {
            var first = pairs[0].Line;
            var elements = pairs.Where(p => p.Column.EndsWith("[*]", StringComparison.Ordinal)).ToList();
            var indexes = pairs.Where(p => p.Column.EndsWith("[#]", StringComparison.Ordinal)).ToList();
            if (elements.Count == 0 && indexes.Count == 0)
            {
                var on = pairs.Where(p => p.Key).ToList();
                if (on.Count == 0)
                {
                    on = [pairs[0]];
                }

                links.Add(new WtxLink(first, TableLink.Join(parent, childTable,
                    on.ToDictionary(p => p.Child, p => p.Column, StringComparer.Ordinal),
                    pairs.Except(on).ToDictionary(p => p.Child, p => p.Column, StringComparer.Ordinal))));
                continue;
            }

            if (elements.Count != 1 || indexes.Count > 1)
            {
                throw text.Error(first, null, $"a generator from '{parent}' needs exactly one 'column[*]' line and at most one 'column[#]' line.");
            }

            var source = elements[0].Column[..^3];
            if (indexes.Count == 1 && indexes[0].Column[..^3] != source)
            {
                throw text.Error(indexes[0].Line, indexes[0].Child, $"the index is of '{indexes[0].Column[..^3]}', the elements of '{source}'.");
            }

            if (pairs.FirstOrDefault(p => p.Key) is { Line: > 0 } keyed)
            {
                throw text.Error(keyed.Line, keyed.Child, "'key' applies to joins, not to generator links.");
            }

            links.Add(new WtxLink(first, TableLink.Generator(parent, childTable, source, elements[0].Child, indexes.SingleOrDefault().Child,
                pairs.Except(elements).Except(indexes).ToDictionary(p => p.Child, p => p.Column, StringComparer.Ordinal))));
        }

        return links;
    }

    public static void Write(TextWriter w, IEnumerable<TableLink> links)
    {
        w.Write("# child_column parent_table.parent_column [key]\n");
        foreach (var l in links)
        {
            if (l.Kind == LinkKind.Join)
            {
                foreach (var (c, p) in l.On)
                {
                    w.Write($"{WtxText.Quote(c)} {WtxText.Quote(l.Parent + "." + p)} key\n");
                }
            }
            else
            {
                w.Write($"{WtxText.Quote(l.Element)} {WtxText.Quote(l.Parent + "." + l.Source + "[*]")}\n");
                if (l.Index is { } ix)
                {
                    w.Write($"{WtxText.Quote(ix)} {WtxText.Quote(l.Parent + "." + l.Source + "[#]")}\n");
                }
            }

            foreach (var (c, p) in l.Bind)
            {
                w.Write($"{WtxText.Quote(c)} {WtxText.Quote(l.Parent + "." + p)}\n");
            }
        }
    }
}

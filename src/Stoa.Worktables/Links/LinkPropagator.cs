using System.Text.Json.Nodes;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Values;

namespace Stoa.Worktables.Links;

/// <summary>
/// Brings a child table in line with its parent through one link. Child inputs are changed through the ordinary
/// edit path, so the minimal rule of part 1 applies unchanged: a child row whose bound values did not change keeps
/// its status, one whose values changed becomes Stale (or Pending), and a value changed back revalidates it.
/// Only Succeeded parent rows feed children; children of a parent row that is not Succeeded are left as they are.
/// Orphans — child rows whose parent row is gone (join key matching no parent row, generator parent deleted or its
/// array shorter) — are deleted with their history (the documented choice: a derived row without its source would
/// only ever hold values nobody can reproduce).
/// </summary>
internal static class LinkPropagator
{
    /// <summary>Counts of what one propagation did.</summary>
    internal readonly record struct Counts(long Changed, long Added, long Removed);

    public static Counts Sync(long linkId, TableLink link, Worktable parent, Worktable child) =>
        link.Kind == LinkKind.Join ? Join(link, parent, child) : Generate(linkId, link, parent, child);

    private static Counts Join(TableLink link, Worktable parent, Worktable child)
    {
        var byKey = new Dictionary<string, WorktableRow>(StringComparer.Ordinal);
        foreach (var p in parent.Rows())
        {
            if (KeyOf(link.On.Values, p) is { } k)
            {
                byKey.TryAdd(k, p);   // several parent rows with one key: the oldest wins
            }
        }

        long changed = 0, removed = 0;
        foreach (var c in child.Rows().ToList())
        {
            if (KeyOf(link.On.Keys, c) is not { } key)
            {
                continue;   // not joined: a child row with an empty join column is the user's own
            }

            if (!byKey.TryGetValue(key, out var p))
            {
                removed += child.Delete(c.RowId) ? 1 : 0;
            }
            else if (p.Status == RowStatus.Succeeded && Apply(child, c, Bound(link, p), $"parent row {parent.Name}/{p.RowId} changed"))
            {
                changed++;
            }
        }

        return new Counts(changed, 0, removed);
    }

    private static Counts Generate(long linkId, TableLink link, Worktable parent, Worktable child)
    {
        var store = (ILinkStore)child.Store;
        var made = store.GeneratedRows(linkId).ToDictionary(g => (g.ParentRowId, g.Index), g => g.ChildRowId);
        var parents = new HashSet<long>();
        long changed = 0, added = 0, removed = 0;
        foreach (var p in parent.Rows())
        {
            parents.Add(p.RowId);
            if (p.Status != RowStatus.Succeeded)
            {
                continue;
            }

            var items = p[link.Source!] as JsonArray ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var wanted = Bound(link, p);
                wanted[link.Element!] = items[i]?.DeepClone();
                if (link.Index is { } ix)
                {
                    wanted[ix] = JsonValue.Create((long)i);
                }

                if (made.Remove((p.RowId, i), out var rowId))
                {
                    changed += Apply(child, child.GetRow(rowId), wanted, $"parent row {parent.Name}/{p.RowId} changed") ? 1 : 0;
                }
                else
                {
                    store.AddGeneratedRow(linkId, p.RowId, i, child.TableId, child.SealGenerated(wanted, $"row generated from {parent.Name} row {p.RowId} element"));
                    added++;
                }
            }

            // Elements beyond the new array length: their rows are orphans.
            foreach (var gone in made.Where(m => m.Key.ParentRowId == p.RowId).ToList())
            {
                removed += child.Delete(gone.Value) ? 1 : 0;
                made.Remove(gone.Key);
            }
        }

        // Rows of parent rows that are gone, or of non-Succeeded parents (kept, and left out of `made` above).
        foreach (var ((parentRow, _), rowId) in made)
        {
            if (!parents.Contains(parentRow))
            {
                removed += child.Delete(rowId) ? 1 : 0;
            }
        }

        return new Counts(changed, added, removed);
    }

    private static Dictionary<string, JsonNode?> Bound(TableLink link, WorktableRow parent) =>
        link.Bind.ToDictionary(b => b.Key, b => parent[b.Value], StringComparer.Ordinal);

    /// <summary>Edits the child row when a bound value differs; <see langword="true"/> when it did.</summary>
    private static bool Apply(Worktable child, WorktableRow row, Dictionary<string, JsonNode?> wanted, string reason)
    {
        var changes = wanted.Where(w => !JsonNode.DeepEquals(w.Value, row.Inputs.GetValueOrDefault(w.Key)))
            .ToDictionary(w => w.Key, w => (object?)w.Value, StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            return false;
        }

        child.Edit(row.RowId, changes, reason);
        return true;
    }

    private static string? KeyOf(IEnumerable<string> columns, WorktableRow row)
    {
        var values = new JsonArray();
        foreach (var c in columns)
        {
            if (row[c] is not { } v)
            {
                return null;
            }

            values.Add(v);
        }

        return CanonicalJson.Write(values);
    }
}

using System.Collections.Concurrent;
using FsCheck.Xunit;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Links;

/// <summary>
/// Linked recomputation against its specification. A script of integers builds a random DAG of 2–5 tables (each
/// table after the first links to a random earlier one, by keyed join or by generator; several children may share
/// a parent, so independent tables run in parallel), seeds rows, recomputes, applies random edits, adds and deletes
/// to the root table, and recomputes again. Then (1) every table equals what a from-scratch project with the same
/// user rows computes, and (2) the rows that ran in the second recompute are exactly those whose identity differs
/// from the one their stored outputs were made from — the transitively affected rows, no more.
/// </summary>
public sealed class LinkPropertiesTests
{
    /// <summary>k:string, i:long?, v:long? → w:long, items:long[].</summary>
    private static WorkflowDefinition Node() => WorkflowDefinition.FromColumns(
        "node",
        [ColumnDefinition.Input("k", ColumnType.String), ColumnDefinition.Input("i", ColumnType.Long.AsOptional()), ColumnDefinition.Input("v", ColumnType.Long.AsOptional())],
        [ColumnDefinition.Output("w", ColumnType.Long), ColumnDefinition.Output("items", ColumnType.Array(ColumnType.Long))],
        "node v1");

    private static InProcessExecutor Executor(string table, ConcurrentBag<(string, long)> ran) => new(e =>
    {
        ran.Add((table, e.RowId));
        var k = (string)e.Inputs["k"]!;
        var i = (long?)e.Inputs.GetValueOrDefault("i") ?? 0;
        var v = (long?)e.Inputs.GetValueOrDefault("v") ?? 0;
        var w = (k.Sum(ch => (long)ch) + (31 * i) + (7 * v)) % 97;
        return new Dictionary<string, object?> { ["w"] = w, ["items"] = Enumerable.Range(0, (int)(w % 3)).Select(j => w + j).ToArray() };
    });

    private sealed record Shape(List<(int Parent, LinkKind Kind)> Parents);

    private static Shape MakeShape(Func<int> next)
    {
        var n = 2 + (next() % 4);
        var parents = new List<(int, LinkKind)> { (-1, LinkKind.Join) };
        var unique = new List<bool> { true };    // (k, i) unique in the table: a join may use it as a parent
        var kUnique = new List<bool> { true };   // k alone unique: a generator child gets unique (k, i)
        for (var j = 1; j < n; j++)
        {
            var kind = next() % 2 == 0 ? LinkKind.Join : LinkKind.Generator;
            var candidates = Enumerable.Range(0, j).Where(t => kind == LinkKind.Generator || unique[t]).ToList();
            var parent = candidates[next() % candidates.Count];
            parents.Add((parent, kind));
            unique.Add(kind == LinkKind.Join || kUnique[parent]);
            kUnique.Add(kind == LinkKind.Join && kUnique[parent]);
        }

        return new Shape(parents);
    }

    private static void Build(WorktableProject p, Shape shape)
    {
        for (var t = 0; t < shape.Parents.Count; t++)
        {
            p.CreateTable("t" + t, Node());
        }

        for (var t = 1; t < shape.Parents.Count; t++)
        {
            var (parent, kind) = shape.Parents[t];
            p.Link(kind == LinkKind.Join
                ? TableLink.Join("t" + parent, "t" + t, new Dictionary<string, string> { ["k"] = "k", ["i"] = "i" }, new Dictionary<string, string> { ["v"] = "w" })
                : TableLink.Generator("t" + parent, "t" + t, "items", "v", "i", new Dictionary<string, string> { ["k"] = "k" }));
        }
    }

    [Property(MaxTest = 25)]
    public bool LinkedRecompute_Meets_Specification(int[] script) => LinkedRecompute_Meets_Specification_On(StoreKind.Sqlite, script);

    [PostgresProperty(MaxTest = 25)]
    public bool LinkedRecompute_Meets_Specification_on_Postgres(int[] script) => LinkedRecompute_Meets_Specification_On(StoreKind.Postgres, script);

    private static bool LinkedRecompute_Meets_Specification_On(StoreKind kind, int[] script)
    {
        var cursor = 0;
        int Next() => script.Length == 0 ? 0 : Math.Abs(script[cursor++ % script.Length] % 1000);
        var shape = MakeShape(Next);
        using var s = new ScratchProject(kind);
        var p = s.Project;
        Build(p, shape);
        var ran = new ConcurrentBag<(string, long)>();
        var root = p.OpenTable("t0");
        for (var r = 0; r < 2 + (Next() % 3); r++)
        {
            root.AddRow(new Dictionary<string, object?> { ["k"] = "r" + r, ["i"] = 0L, ["v"] = (long)(Next() % 4) });
        }

        p.RecomputeAllAsync(t => Executor(t.Name, ran)).GetAwaiter().GetResult();

        // Users add join rows for some parent rows (a join child row names its parent by key).
        for (var t = 1; t < shape.Parents.Count; t++)
        {
            if (shape.Parents[t].Kind == LinkKind.Join)
            {
                var child = p.OpenTable("t" + t);
                foreach (var pr in p.OpenTable("t" + shape.Parents[t].Parent).Rows().Where(_ => Next() % 3 != 0).ToList())
                {
                    child.AddRow(new Dictionary<string, object?> { ["k"] = pr["k"], ["i"] = pr["i"] });
                }
            }
        }

        p.RecomputeAllAsync(t => Executor(t.Name, ran)).GetAwaiter().GetResult();

        // Random edits of the root: values (small range, so edits back are common), new rows, deletes.
        var added = 100;
        foreach (var _ in Enumerable.Range(0, Next() % 6))
        {
            var ids = root.Rows().Select(r => r.RowId).ToList();
            switch (Next() % 4)
            {
                case 0 or 1 when ids.Count > 0:
                    root.Edit(ids[Next() % ids.Count], "v", (long)(Next() % 4));
                    break;
                case 2:
                    root.AddRow(new Dictionary<string, object?> { ["k"] = "r" + added++, ["i"] = 0L, ["v"] = (long)(Next() % 4) });
                    break;
                case 3 when ids.Count > 0:
                    root.Delete(ids[Next() % ids.Count]);
                    break;
            }
        }

        var before = p.TableNames.ToDictionary(n => n, n => p.Store.ScanRows(p.OpenTable(n).TableId).ToDictionary(r => r.RowId, r => r.ResultInputHash));
        var userRows = p.TableNames.ToDictionary(n => n, n => p.OpenTable(n).Rows().Select(r => r.Inputs).ToList());
        ran.Clear();
        p.RecomputeAllAsync(t => Executor(t.Name, ran)).GetAwaiter().GetResult();

        // (2) minimality: ran = rows whose final identity is not the one of their stored outputs before.
        var expectedRan = new HashSet<(string, long)>();
        foreach (var n in p.TableNames)
        {
            foreach (var r in p.OpenTable(n).Rows())
            {
                if (!before[n].TryGetValue(r.RowId, out var made) || made != r.InputHash)
                {
                    expectedRan.Add((n, r.RowId));
                }
            }
        }

        if (!expectedRan.SetEquals(ran) || ran.Count != ran.Distinct().Count())
        {
            return false;
        }

        // (1) correctness: a fresh project fed the same user rows (root rows, and join rows users made) computes the same.
        using var fresh = new ScratchProject(kind);
        Build(fresh.Project, shape);
        for (var t = 0; t < shape.Parents.Count; t++)
        {
            if (t == 0 || shape.Parents[t].Kind == LinkKind.Join)
            {
                var rows = userRows["t" + t].Select(cells => (IReadOnlyDictionary<string, object?>)cells.Where(c => c.Key != "v" || t == 0).ToDictionary(c => c.Key, c => (object?)c.Value)).ToList();
                fresh.Project.OpenTable("t" + t).AddRows(rows);
            }
        }

        fresh.Project.RecomputeAllAsync(t => Executor(t.Name, [])).GetAwaiter().GetResult();
        foreach (var n in p.TableNames)
        {
            if (!Contents(p.OpenTable(n)).SequenceEqual(Contents(fresh.Project.OpenTable(n))))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Contents(Worktable t) =>
        [.. t.Rows().Select(r => $"{r.Status} {CanonicalJson.WriteCells(r.Inputs)} {CanonicalJson.WriteCells(r.Outputs)}").Order(StringComparer.Ordinal)];
}

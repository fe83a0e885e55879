using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

public sealed partial class WorktableProject
{
    private readonly Lock _linkGate = new();

    /// <summary>The declared links, in declaration order.</summary>
    public IReadOnlyList<TableLink> Links => [.. LinkStore.Links().Select(l => LinkSpec.Read(l.SpecJson).ToLink())];

    internal ILinkStore LinkStore => (ILinkStore)Store;

    /// <summary>
    /// Declares a link. Child rows follow the parent from the next <see cref="PropagateLinks"/> or
    /// <see cref="RecomputeAllAsync(Func{Worktable, IRowExecutor}, RecomputeOptions?, CancellationToken)"/> on.
    /// </summary>
    /// <param name="link">The link.</param>
    /// <exception cref="LinkCycleException">The link would close a cycle of tables; the cycle's path is in the message.</exception>
    /// <exception cref="WorktableException">Unknown table or column, or a column type that cannot take the parent's values.</exception>
    public void Link(TableLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var parent = OpenTable(link.Parent);
        var child = OpenTable(link.Child);
        Validate(link, parent.Workflow, child.Workflow);
        lock (_linkGate)
        {
            if (Graph().CycleThrough(link.Parent, link.Child) is { } cycle)
            {
                throw new LinkCycleException(cycle);
            }

            LinkStore.AddLink(parent.TableId, child.TableId, LinkSpec.From(link).Write());
        }
    }

    /// <summary>
    /// Brings every child table in line with its parents, in dependency order, without running anything: child rows
    /// whose bound parent values changed become Stale (or Pending), generator rows are added and orphans removed.
    /// </summary>
    public void PropagateLinks()
    {
        foreach (var level in Graph().Levels())
        {
            foreach (var table in level)
            {
                PropagateInto(table);
            }
        }
    }

    /// <summary>
    /// Recomputes every table in dependency order: parents first, then their children after their links have been
    /// propagated; tables at the same depth run in parallel. Runs exactly the rows whose identity changed, transitively.
    /// </summary>
    /// <param name="executorFor">The executor for each table (e.g. one <see cref="Cwl.CwlRowExecutor"/> for all).</param>
    /// <param name="options">Options for each table's recompute.</param>
    /// <param name="cancellationToken">Cancels the whole recompute.</param>
    /// <returns>What ran, by table name, parents before children (tables of one depth by name).</returns>
    public async Task<IReadOnlyDictionary<string, RecomputeResult>> RecomputeAllAsync(Func<Worktable, IRowExecutor> executorFor, RecomputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executorFor);
        var results = new OrderedDictionary<string, RecomputeResult>(StringComparer.Ordinal);
        foreach (var level in Graph().Levels())
        {
            var names = level.Order(StringComparer.Ordinal).ToList();
            var ran = await Task.WhenAll(names.Select(name => Task.Run(async () =>
            {
                PropagateInto(name);
                var table = OpenTable(name);
                return await table.RecomputeAsync(executorFor(table), options, cancellationToken).ConfigureAwait(false);
            }, cancellationToken))).ConfigureAwait(false);
            foreach (var result in ran)
            {
                results[result.Table] = result;
            }
        }

        return results;
    }

    /// <summary>
    /// <see cref="RecomputeAllAsync(Func{Worktable, IRowExecutor}, RecomputeOptions?, CancellationToken)"/> with the
    /// project's <see cref="Executor"/> for every table.
    /// </summary>
    /// <param name="options">Options for each table's recompute.</param>
    /// <param name="cancellationToken">Cancels the whole recompute.</param>
    /// <returns>What ran, by table name, parents before children (tables of one depth by name).</returns>
    public Task<IReadOnlyDictionary<string, RecomputeResult>> RecomputeAllAsync(RecomputeOptions? options, CancellationToken cancellationToken) =>
        RecomputeAllAsync(_ => Executor, options, cancellationToken);

    private void PropagateInto(string childName)
    {
        var child = OpenTable(childName);
        foreach (var l in LinkStore.Links().Where(l => l.ChildTableId == child.TableId))
        {
            var link = LinkSpec.Read(l.SpecJson).ToLink();
            LinkPropagator.Sync(l.LinkId, link, OpenTable(link.Parent), child);
        }
    }

    private LinkGraph Graph() => new(TableNames, LinkStore.Links().Select(l => LinkSpec.Read(l.SpecJson)).Select(s => (s.Parent, s.Child)));

    internal static void Validate(TableLink link, WorkflowDefinition parent, WorkflowDefinition child)
    {
        ColumnDefinition ChildInput(string name) =>
            child.Inputs.FirstOrDefault(c => c.Name == name)
            ?? throw new WorktableException($"link {link.Parent} → {link.Child}: '{name}' is not an input column of '{link.Child}'.");
        ColumnDefinition ParentColumn(string name) =>
            parent.Columns.FirstOrDefault(c => c.Name == name)
            ?? throw new WorktableException($"link {link.Parent} → {link.Child}: table '{link.Parent}' has no column '{name}'.");
        void Fits(string childCol, ColumnType from, string what)
        {
            var to = ChildInput(childCol).Type;
            if (!to.AsRequired().Equals(from.AsRequired()))
            {
                throw new WorktableException($"link {link.Parent} → {link.Child}: column '{childCol}' ({to}) cannot take {what} ({from}).");
            }
        }

        foreach (var (c, p) in link.On.Concat(link.Bind))
        {
            Fits(c, ParentColumn(p).Type, $"{link.Parent}.{p}");
        }

        if (link.Kind == LinkKind.Generator)
        {
            var source = ParentColumn(link.Source!);
            if (source.Type.Kind != ColumnTypeKind.Array || source.Type.Items is null)
            {
                throw new WorktableException($"link {link.Parent} → {link.Child}: generator source '{link.Source}' is {source.Type}, not an array.");
            }

            Fits(link.Element!, source.Type.Items, $"an element of {link.Parent}.{link.Source}");
            if (link.Index is { } ix && ChildInput(ix).Type.Kind is not (ColumnTypeKind.Int or ColumnTypeKind.Long))
            {
                throw new WorktableException($"link {link.Parent} → {link.Child}: index column '{ix}' must be int or long.");
            }
        }
    }
}

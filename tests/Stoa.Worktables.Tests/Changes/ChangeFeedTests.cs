using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Changes;

/// <summary><see cref="WorktableProject.WatchChangesAsync"/> sees what another handle on the file (as another process) commits.</summary>
public sealed class ChangeFeedTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task Edits_additions_deletions_and_runs_elsewhere_are_seen(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var a = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var b = t.AddRow(new Dictionary<string, object?> { ["x"] = 2 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var seen = new SortedSet<long>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in s.Project.WatchChangesAsync(TimeSpan.FromMilliseconds(20), cts.Token))
            {
                Assert.Equal("t", change.Table);
                lock (seen)
                {
                    seen.UnionWith(change.RowIds);
                }
            }
        });
        await Task.Delay(200); // the feed starts when the watcher first runs; the changes below come after it

        using var other = WorktableProject.Open(s.Path);
        var t2 = other.OpenTable("t");
        t2.Edit(a, "x", 10);
        await Seen(a);

        var c = t2.AddRow(new Dictionary<string, object?> { ["x"] = 3 });
        Assert.True(t2.Delete(b));
        await Seen(b, c);

        await t2.RecomputeAsync(ScratchProject.DoublerExecutor());
        await Seen(a, c);
        await cts.CancelAsync();
        await watching;

        // Waits until the watcher has reported exactly these rows since the last call.
        async Task Seen(params long[] rows)
        {
            for (var i = 0; i < 600; i++)
            {
                lock (seen)
                {
                    if (seen.IsSupersetOf(rows))
                    {
                        Assert.Equal(rows.Order(), seen);
                        seen.Clear();
                        return;
                    }
                }

                await Task.Delay(50);
            }

            Assert.Fail($"rows {string.Join(",", rows)} not reported; saw {string.Join(",", seen)}");
        }
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [PostgresData]
    public async Task A_quiet_project_reports_nothing(StoreKind kind)
    {
        using var s = new ScratchProject(kind);
        s.Project.CreateTable("t", ScratchProject.Doubler()).AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var count = 0;
        await foreach (var _ in s.Project.WatchChangesAsync(TimeSpan.FromMilliseconds(20), cts.Token))
        {
            count++;
        }

        Assert.Equal(0, count);
    }
}

using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;
using Stoa.Worktables.Storage.Sqlite;

namespace Stoa.Worktables.Tests.Status;

public sealed class RowStatusMachineTests
{
    // The specification, written out independently of the machine: every pair not listed is illegal.
    private static readonly HashSet<(RowStatus, RowStatus)> Expected =
    [
        (RowStatus.Pending, RowStatus.Queued), (RowStatus.Pending, RowStatus.Succeeded),
        (RowStatus.Queued, RowStatus.Running), (RowStatus.Queued, RowStatus.Cancelled), (RowStatus.Queued, RowStatus.Pending),
        (RowStatus.Running, RowStatus.Succeeded), (RowStatus.Running, RowStatus.Failed), (RowStatus.Running, RowStatus.Cancelled), (RowStatus.Running, RowStatus.Pending),
        (RowStatus.Succeeded, RowStatus.Stale),
        (RowStatus.Failed, RowStatus.Queued), (RowStatus.Failed, RowStatus.Pending), (RowStatus.Failed, RowStatus.Stale), (RowStatus.Failed, RowStatus.Succeeded),
        (RowStatus.Cancelled, RowStatus.Queued), (RowStatus.Cancelled, RowStatus.Pending), (RowStatus.Cancelled, RowStatus.Stale), (RowStatus.Cancelled, RowStatus.Succeeded),
        (RowStatus.Stale, RowStatus.Queued), (RowStatus.Stale, RowStatus.Succeeded),
    ];

    public static TheoryData<RowStatus, RowStatus> AllPairs()
    {
        var data = new TheoryData<RowStatus, RowStatus>();
        foreach (var from in Enum.GetValues<RowStatus>())
        {
            foreach (var to in Enum.GetValues<RowStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_transition_is_legal_exactly_when_specified(RowStatus from, RowStatus to)
    {
        var legal = Expected.Contains((from, to));
        Assert.Equal(legal, RowStatusMachine.IsLegal(from, to));
        if (legal)
        {
            RowStatusMachine.EnsureLegal(42, from, to);
        }
        else
        {
            var e = Assert.Throws<IllegalStatusTransitionException>(() => RowStatusMachine.EnsureLegal(42, from, to));
            Assert.Equal(42, e.RowId);
            Assert.Equal(from, e.From);
            Assert.Equal(to, e.To);
            Assert.Contains($"{from} to {to}", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pending_cannot_run_without_being_queued_and_Succeeded_cannot_fail()
    {
        Assert.Throws<IllegalStatusTransitionException>(() => RowStatusMachine.EnsureLegal(1, RowStatus.Pending, RowStatus.Running));
        Assert.Throws<IllegalStatusTransitionException>(() => RowStatusMachine.EnsureLegal(1, RowStatus.Succeeded, RowStatus.Failed));
        Assert.Throws<IllegalStatusTransitionException>(() => RowStatusMachine.EnsureLegal(1, RowStatus.Queued, RowStatus.Succeeded));
    }

    [Fact]
    public void The_store_index_of_rows_needing_a_run_holds_exactly_the_statuses_that_may_be_queued()
    {
        var indexed = SchemaMigrations.NeedsRunPredicate.Replace("status IN (", "", StringComparison.Ordinal).TrimEnd(')')
            .Split(',').Select(s => (RowStatus)int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(RowStatusMachine.SourcesOf(RowStatus.Queued).Order(), indexed);
        Assert.Equal(RowStatusMachine.NeedsRun(retryFailed: true).Order(), indexed);
    }

    [Theory]
    [InlineData(RowStatus.Running, false, true, RowStatus.Pending)]
    [InlineData(RowStatus.Queued, true, true, RowStatus.Pending)]
    [InlineData(RowStatus.Succeeded, false, true, RowStatus.Stale)]
    [InlineData(RowStatus.Stale, true, true, RowStatus.Succeeded)]
    [InlineData(RowStatus.Failed, false, false, RowStatus.Pending)]
    [InlineData(RowStatus.Failed, false, true, RowStatus.Stale)]
    [InlineData(RowStatus.Pending, false, true, RowStatus.Pending)]
    [InlineData(RowStatus.Cancelled, true, true, RowStatus.Succeeded)]
    public void An_identity_change_leads_to_the_specified_status(RowStatus current, bool matches, bool hasOutputs, RowStatus expected)
    {
        var next = RowStatusMachine.AfterIdentityChange(current, matches, hasOutputs);
        Assert.Equal(expected, next);
        Assert.True(next == current || RowStatusMachine.IsLegal(current, next));
    }

    [Fact]
    public void Status_numbers_are_stable()
    {
        // They are persisted in projects: renumbering would corrupt every existing file.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], new[] { RowStatus.Pending, RowStatus.Queued, RowStatus.Running, RowStatus.Succeeded, RowStatus.Failed, RowStatus.Cancelled, RowStatus.Stale }.Select(s => (int)s));
    }
}

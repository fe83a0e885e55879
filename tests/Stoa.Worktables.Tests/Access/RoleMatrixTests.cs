using System.Text;
using Stoa.Tests.Shared;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Access;

/// <summary>
/// The whole role × operation matrix: for every role (and no role) and every operation, a fresh project where
/// the operation is attempted by that user. Allowed pairs must work and have their effect; denied pairs must throw
/// <see cref="AccessDeniedException"/>, leave every row, grant, flag, comment and the schema byte-identical, and add
/// exactly one denial to the persisted audit log (checked after reopening the project). Operations a host performs on
/// rows go through the <see cref="IWorktable"/> handle of <see cref="WorktableProject.OpenTable(string, string?)"/>.
/// </summary>
public sealed class RoleMatrixTests
{
    /// <summary>The expected matrix, written out by hand from issue 7 (not derived from the library's policy).</summary>
    internal static readonly Dictionary<WorktableOperation, WorktableRole?> LeastRole = new()
    {
        [WorktableOperation.Read] = WorktableRole.Reader,
        [WorktableOperation.Export] = WorktableRole.Reader,
        [WorktableOperation.Flag] = WorktableRole.Collaborator,
        [WorktableOperation.Comment] = WorktableRole.Collaborator,
        [WorktableOperation.AddRows] = WorktableRole.Owner,
        [WorktableOperation.EditInputs] = WorktableRole.Owner,
        [WorktableOperation.DeleteRows] = WorktableRole.Owner,
        [WorktableOperation.Run] = WorktableRole.Owner,
        [WorktableOperation.EditSchema] = WorktableRole.Owner,
        [WorktableOperation.Share] = WorktableRole.Owner,
        [WorktableOperation.DeleteTable] = WorktableRole.Owner,
        [WorktableOperation.Link] = WorktableRole.Owner,
        [WorktableOperation.Publish] = WorktableRole.Owner,
    };

    public static TheoryData<StoreKind, int, WorktableOperation> Matrix() => MatrixOn(StoreKind.Sqlite);

    private static TheoryData<StoreKind, int, WorktableOperation> MatrixOn(StoreKind kind)
    {
        var data = new TheoryData<StoreKind, int, WorktableOperation>();
        foreach (var role in new[] { -1, 0, 1, 2 })
        {
            foreach (var op in Enum.GetValues<WorktableOperation>())
            {
                data.Add(kind, role, op);
            }
        }

        return data;
    }

    /// <summary>The matrix on the PostgreSQL store; skipped when no server is named (not under CI).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class PostgresMatrixAttribute : Xunit.Sdk.DataAttribute
    {
        public PostgresMatrixAttribute() => Skip = TestPostgres.SkipReason;

        public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => MatrixOn(StoreKind.Postgres);
    }

    [Fact]
    public void Matrix_Covers_Every_Operation() =>
        Assert.Equal(Enum.GetValues<WorktableOperation>().Order(), LeastRole.Keys.Order());

    [Theory]
    [MemberData(nameof(Matrix))]
    [PostgresMatrix]
    public async Task Role_Operation_Pair_Is_Allowed_Or_Denied_Without_Effect(StoreKind kind, int roleNumber, WorktableOperation operation)
    {
        WorktableRole? role = roleNumber < 0 ? null : (WorktableRole)roleNumber;
        using var s = new ScratchProject(kind);
        var p = s.Project;
        p.AddUser("olive");
        p.AddUser("actor");
        p.AddUser("third");
        var owned = p.CreateTableAs("olive", "t", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        var r1 = owned.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var r2 = owned.AddRow(new Dictionary<string, object?> { ["x"] = 2 });
        await owned.RecomputeAsync(ScratchProject.DoublerExecutor());
        owned.AddRow(new Dictionary<string, object?> { ["x"] = 3 });   // Pending, so a Run has something to do
        owned.SetFlag(r1, "good");
        owned.AddComment(r1, "first look");
        var source = p.CreateTableAs("olive", "src", ScratchProject.Doubler());
        source.Grant("actor", WorktableRole.Reader);
        if (role is { } granted)
        {
            owned.Grant("actor", granted);
        }

        var before = Snapshot(p);
        var deniedBefore = p.AuditLog("t").Count(e => !e.Allowed);
        var actor = p.OpenTableAs("actor", "t");
        var allowed = LeastRole[operation] is { } least && role is { } r && r >= least;

        // Every operation a host performs goes through the one table handle the library opens for the acting user.
        var handle = p.OpenTable("t", "actor");
        Assert.Equal("actor", handle.ActingUser);
        Assert.Equal(allowed, handle.Allows(operation));

        Func<Task> act = operation switch
        {
            WorktableOperation.Read => () => Task.FromResult(handle.Rows().ToList()),
            WorktableOperation.Export => () =>
            {
                var w = new StringWriter();
                handle.ExportCsv(w);
                Assert.StartsWith("x,label,doubled,text", w.ToString(), StringComparison.Ordinal);
                return Task.CompletedTask;
            },
            WorktableOperation.Flag => () => { handle.SetFlag(r2, "suspect"); return Task.CompletedTask; },
            WorktableOperation.Comment => () => { handle.AddComment(r2, "looks odd"); return Task.CompletedTask; },
            WorktableOperation.AddRows => () => Task.FromResult(handle.AddRow(new Dictionary<string, object?> { ["x"] = 7 })),
            WorktableOperation.EditInputs => () => Task.FromResult(handle.Edit(r1, "x", 99)),
            WorktableOperation.DeleteRows => () => Task.FromResult(handle.Delete(r2)),
            WorktableOperation.Run => () => handle.RecomputeAsync(ScratchProject.DoublerExecutor()),
            WorktableOperation.EditSchema => () => { handle.SetColumnMetadata("doubled", "Jy", "phot.flux.density"); return Task.CompletedTask; },
            WorktableOperation.Share => () => { actor.Grant("third", WorktableRole.Reader); return Task.CompletedTask; },
            WorktableOperation.DeleteTable => () => { actor.DeleteTable(); return Task.CompletedTask; },
            WorktableOperation.Link => () =>
            {
                handle.Link(Stoa.Worktables.Links.TableLink.Join("src", "t", new Dictionary<string, string> { ["x"] = "x" }, new Dictionary<string, string> { ["label"] = "text" }));
                return Task.CompletedTask;
            },
            WorktableOperation.Publish => () => { actor.Publish("t_public"); return Task.CompletedTask; },
            _ => throw new InvalidOperationException(operation.ToString()),
        };

        if (allowed)
        {
            await act();
            var after = Snapshot(p);
            var readOnly = operation is WorktableOperation.Read or WorktableOperation.Export;
            Assert.Equal(readOnly, before == after);
            if (operation == WorktableOperation.Flag)
            {
                Assert.Equal("actor", Assert.Single(actor.Flags(r2)).Author);
            }
        }
        else
        {
            var e = await Assert.ThrowsAsync<AccessDeniedException>(act);
            Assert.Equal(operation, e.Operation);
            Assert.Equal(role, e.Role);
            Assert.Equal("actor", e.User);
            Assert.Equal(before, Snapshot(p));
            s.Reopen();
            var denials = s.Project.AuditLog("t").Where(x => !x.Allowed).ToList();
            Assert.Equal(deniedBefore + 1, denials.Count);
            Assert.Equal(("actor", operation), (denials[^1].User, denials[^1].Operation));
        }
    }

    /// <summary>Everything a user could change, read around the access layer.</summary>
    private static string Snapshot(WorktableProject p)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", p.TableNames));
        sb.AppendLine(string.Join(",", p.Links.Select(l => $"{l.Parent}->{l.Child}")));
        if (!p.TableNames.Contains("t"))
        {
            return sb.ToString();
        }

        var t = p.OpenTable("t");
        sb.AppendLine(t.Workflow.ToJson());
        sb.AppendLine(string.Join(",", t.Template.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}")));
        foreach (var row in t.Rows())
        {
            sb.AppendLine($"{row.RowId} {row.Status} {row.InputHash} {row.OutputHash} {row.Attempts} {string.Join(";", row.Inputs.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"))}");
        }

        foreach (var g in p.AccessStore.Grants(t.TableId))
        {
            sb.AppendLine($"grant {g.Key} {g.Value}");
        }

        foreach (var (table, published) in p.AccessStore.Publications())
        {
            sb.AppendLine($"published {table} as {published}");
        }

        foreach (var f in p.AccessStore.FlagHistory(t.TableId, null))
        {
            sb.AppendLine(f.ToString());
        }

        foreach (var c in p.AccessStore.Comments(t.TableId, null))
        {
            sb.AppendLine(c.ToString());
        }

        return sb.ToString();
    }
}

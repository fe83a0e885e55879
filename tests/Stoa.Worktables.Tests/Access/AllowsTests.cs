using Stoa.Worktables.Access;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Access;

public sealed class AllowsTests
{
    [Fact]
    public void Allows_Follows_The_Role_Matrix_Reads_The_Current_Role_And_Audits_Nothing()
    {
        using var s = new ScratchProject();
        var p = s.Project;
        p.AddUser("olive");
        p.AddUser("actor");
        var owner = p.CreateTableAs("olive", "t", ScratchProject.Doubler());
        var actor = p.OpenTableAs("actor", "t");
        var audited = p.AuditLog("t").Count;
        foreach (WorktableRole? role in new WorktableRole?[] { null, WorktableRole.Reader, WorktableRole.Collaborator, WorktableRole.Owner })
        {
            if (role is { } r)
            {
                owner.Grant("actor", r);
            }

            audited = p.AuditLog("t").Count;
            foreach (var op in Enum.GetValues<WorktableOperation>())
            {
                var expected = role is { } have && have >= RoleMatrixTests.LeastRole[op];
                Assert.True(expected == actor.Allows(op), $"{role?.ToString() ?? "no role"} × {op}: expected {expected}");
            }

            Assert.Equal(audited, p.AuditLog("t").Count);
        }

        owner.Revoke("actor");
        Assert.False(actor.Allows(WorktableOperation.Read));
        Assert.Throws<ArgumentOutOfRangeException>(() => actor.Allows((WorktableOperation)99));
    }
}

using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Access;

public sealed class AnnotationTests
{
    [Fact]
    public void Flags_And_Comments_Keep_Author_Time_And_History_Across_Reopen()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        s.Project.AddUser("carl");
        var t = s.Project.CreateTableAs("olive", "t", ScratchProject.Doubler());
        var row = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        t.Grant("carl", WorktableRole.Collaborator);
        var carl = s.Project.OpenTableAs("carl", "t");
        var t0 = DateTime.UtcNow;
        carl.SetFlag(row, "suspect");
        carl.AddComment(row, "flux looks low");
        t.SetFlag(row, "good");
        carl.ClearFlag(row, "suspect");
        t.AddComment(row, "checked: fine");

        s.Reopen();
        var again = s.Project.OpenTableAs("carl", "t");
        var flag = Assert.Single(again.Flags(row));
        Assert.Equal(("good", "olive"), (flag.Label, flag.Author));
        Assert.Equal(
            [("suspect", true, "carl"), ("good", true, "olive"), ("suspect", false, "carl")],
            again.FlagHistory(row).Select(f => (f.Label, f.IsSet, f.Author)));
        Assert.All(again.FlagHistory(row), f => Assert.InRange(f.Utc, t0.AddSeconds(-1), DateTime.UtcNow));
        Assert.Equal([("carl", "flux looks low"), ("olive", "checked: fine")], again.Comments(row).Select(c => (c.Author, c.Text)));
        Assert.Throws<KeyNotFoundException>(() => again.AddComment(12345, "no such row"));
    }

    [Fact]
    public void Deleting_A_Row_Removes_Its_Annotations()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        var t = s.Project.CreateTableAs("olive", "t", ScratchProject.Doubler());
        var row = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        t.SetFlag(row, "suspect");
        t.AddComment(row, "bad");
        Assert.True(t.Delete(row));
        Assert.Empty(t.FlagHistory());
        Assert.Empty(t.Comments());
    }

    [Fact]
    public void Revoked_Role_Takes_Effect_At_Once_And_Last_Owner_Cannot_Leave()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        s.Project.AddUser("rita");
        var t = s.Project.CreateTableAs("olive", "t", ScratchProject.Doubler());
        t.Grant("rita", WorktableRole.Reader);
        var rita = s.Project.OpenTableAs("rita", "t");
        Assert.Empty(rita.Rows());
        t.Revoke("rita");
        Assert.Throws<AccessDeniedException>(() => rita.Rows().ToList());
        Assert.Throws<WorktableException>(() => t.Revoke("olive"));
        Assert.Throws<WorktableException>(() => t.Grant("nobody", WorktableRole.Reader));
        Assert.Throws<AccessDeniedException>(() => s.Project.ClaimOwnership("rita", "t"));
        var audit = s.Project.AuditLog("t");
        Assert.Contains(audit, e => e.Allowed && e.Operation == WorktableOperation.Share && e.Detail.Contains("rita → Reader", StringComparison.Ordinal));
    }
}

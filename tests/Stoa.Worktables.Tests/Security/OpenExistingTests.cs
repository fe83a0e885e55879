using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue #16 row 11 (library side): <see cref="WorktableProject.OpenExisting"/> never creates a project — a mistyped
/// path is "no project at PATH" and leaves no file, lock or folder behind — while <see cref="WorktableProject.Open"/>
/// still creates one for the commands meant to.
/// </summary>
public sealed class OpenExistingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-sec-open-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("typo.stoa")]
    [InlineData("missing/dir/typo.stoa")]
    public void A_Missing_Project_Is_Refused_And_Nothing_Is_Created(string relative)
    {
        var path = Path.Combine(_dir, relative);

        var e = Assert.Throws<WorktableException>(() => WorktableProject.OpenExisting(path));

        Assert.Equal($"no project at {path}.", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void A_Directory_Is_Not_A_Project()
    {
        var e = Assert.Throws<WorktableException>(() => WorktableProject.OpenExisting(_dir));

        Assert.Equal($"no project at {_dir} (a directory).", e.Message);
    }

    [Fact]
    public void An_Existing_Project_Opens()
    {
        var path = Path.Combine(_dir, "p.stoa");
        using (WorktableProject.Open(path))
        {
        }

        using var project = WorktableProject.OpenExisting(path);

        Assert.Empty(project.TableNames);
    }
}

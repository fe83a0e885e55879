using System.Runtime.Versioning;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue #16 row 6 (library part): the project database holds every cell, comment and the audit log, so it is not
/// readable by other users of the machine — created 0600 (SQLite's own default is 0644 less the umask), its WAL
/// and shared-memory files alike, and an older world-readable project loses the other-users bits when opened.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DatabaseFileModeTests
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void A_New_Project_Database_And_Its_Wal_Are_Owner_Only()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 1, ["label"] = "one" });

        Assert.Equal(Rw, File.GetUnixFileMode(s.Path));
        Assert.True(File.Exists(s.Path + "-wal"), "WAL mode keeps a -wal file while the project is open");
        Assert.Equal(Rw, File.GetUnixFileMode(s.Path + "-wal"));
        Assert.Equal(Rw, File.GetUnixFileMode(s.Path + "-shm"));
    }

    [Fact]
    public void An_Existing_World_Readable_Database_Loses_The_Other_Bits_But_Keeps_Its_Group()
    {
        using var s = new ScratchProject();
        s.Project.CreateTable("t", ScratchProject.Doubler());
        s.Project.Dispose();
        File.SetUnixFileMode(s.Path, Rw | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // An empty WAL, as an older version killed at the wrong moment may leave it (SQLite ignores an empty one).
        File.WriteAllBytes(s.Path + "-wal", []);
        File.SetUnixFileMode(s.Path + "-wal", Rw | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var reopened = s.Reopen();

        Assert.Equal(Rw | UnixFileMode.GroupRead, File.GetUnixFileMode(s.Path));
        Assert.Equal(Rw | UnixFileMode.GroupRead, File.GetUnixFileMode(s.Path + "-wal"));
        Assert.Equal(["t"], reopened.TableNames);
    }
}

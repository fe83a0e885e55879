using System.Runtime.Versioning;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 6: the files that hold secrets are their owner's alone — the access file (password hashes), the
/// cookie keys and the login audit 0600, the key folder 0700 — and the project database is not world-readable.
/// Made by the real <c>stoa user add</c> and <c>stoa serve</c> under the usual umask (022), then looked at with stat.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretFileModeTests
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Access_File_Keys_Login_Audit_And_Database_Are_Not_Readable_By_Others()
    {
        await using var project = await SecureProject.Create().ServeAsync();
        Assert.Equal(Rw, File.GetUnixFileMode(project.Path + "-access.json"));

        // A login makes the cookie key and an audit line.
        using (await project.LogInAsync("olga"))
        {
        }

        var keys = project.Path + "-keys";
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        var keyFiles = Directory.GetFiles(keys);
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, f => Assert.Equal(Rw, File.GetUnixFileMode(f)));
        Assert.Equal(Rw, File.GetUnixFileMode(project.Path + "-logins.jsonl"));
        foreach (var database in new[] { project.Path, project.Path + "-wal", project.Path + "-shm" }.Where(File.Exists))
        {
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(database) & Others);
        }
    }

    [Fact]
    public void An_Access_File_Left_World_Readable_Is_Made_Owner_Only_Again()
    {
        var project = SecureProject.Create();
        var access = project.Path + "-access.json";
        File.SetUnixFileMode(access, Rw | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var add = StoaProcess.Run(project.Directory, "another-password-9", "user", "add", "erin", "-p", project.Path);

        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Equal(Rw, File.GetUnixFileMode(access));
        Assert.False(File.Exists(access + ".tmp"));
    }
}

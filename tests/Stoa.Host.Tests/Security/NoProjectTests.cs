namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 11: only <c>stoa init</c> and the commands that make a table (<c>table new</c>, a .wtx import)
/// create a project; every other command, and <c>stoa serve</c>, says "no project at PATH" (exit 2) and leaves no
/// file behind.
/// </summary>
public sealed class NoProjectTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-sec-noproject-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[]> ProjectCommands => new()
    {
        new[] { "table", "show", "t", "-p", "typo.stoa" },
        new[] { "table", "show", "-p", "typo.stoa" },
        new[] { "table", "add", "t", "x=1", "-p", "typo.stoa" },
        new[] { "table", "recompute", "--all", "-p", "typo.stoa" },
        new[] { "table", "export", "t", "-f", "csv", "-o", "t.csv", "-p", "typo.stoa" },
        new[] { "table", "link", "--list", "-p", "typo.stoa" },
        new[] { "user", "list", "-p", "typo.stoa" },
        new[] { "prov", "export", "t", "-p", "typo.stoa" },
    };

    [Theory]
    [MemberData(nameof(ProjectCommands))]
    public void A_Command_On_A_Missing_Project_Says_So_And_Creates_Nothing(string[] args)
    {
        var (rc, stdout, stderr) = StoaProcess.Run(_dir, null, TimeSpan.FromMinutes(2), args);

        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith($"no project at {Path.Combine(_dir, "typo.stoa")}.", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void Serve_With_No_Project_In_The_Directory_Refuses_To_Start()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "site")).FullName;

        var (rc, stdout, stderr) = StoaProcess.Run(_dir, null, TimeSpan.FromMinutes(2), "serve", "--urls", "http://127.0.0.1:0", "--project", empty);

        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        Assert.Equal($"stoa serve: no project at {Path.Combine(empty, "project.stoa")}.", stderr.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    [Fact]
    public void Init_Creates_The_Project_Once_And_Then_Other_Commands_Open_It()
    {
        var init = StoaProcess.Run(_dir, null, "init", "-p", "survey.stoa");
        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.Equal($"created project {Path.Combine(_dir, "survey.stoa")}", init.Stdout.Trim());
        Assert.True(File.Exists(Path.Combine(_dir, "survey.stoa")));

        var again = StoaProcess.Run(_dir, null, "init", "-p", "survey.stoa");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already a project (unchanged)", again.Stdout, StringComparison.Ordinal);

        var show = StoaProcess.Run(_dir, null, "table", "show", "-p", "survey.stoa");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal("", show.Stdout.Trim());
    }
}

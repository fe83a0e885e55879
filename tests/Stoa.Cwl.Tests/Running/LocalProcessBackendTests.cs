namespace Stoa.Cwl.Tests.Running;

/// <summary>
/// The local backend starts programs itself (posix_spawn) instead of through /bin/sh, so it must keep what the shell
/// used to give a job: PATH lookup in the job's environment, exit codes 126/127, scripts without "#!", default signal
/// dispositions, the exact environment, and files as standard streams.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalProcessBackendTests : ScratchDirectory
{
    private readonly LocalProcessBackend _backend = new();
    private int _count;

    [Fact]
    public async Task Streams_Go_To_And_Come_From_Files()
    {
        File.WriteAllText(Path.Combine(Dir, "in.txt"), "b\na\n");
        var job = Job(["sort"], stdin: Path.Combine(Dir, "in.txt"));

        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("a\nb\n", File.ReadAllText(job.StdoutPath));
    }

    [Fact]
    public async Task The_Environment_Is_Exactly_The_Jobs()
    {
        Environment.SetEnvironmentVariable("STOA_TEST_LEAK", "from-the-parent");
        var job = Job(["env"], env: new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["ONLY"] = "this" });

        await _backend.ExecuteAsync(job, CancellationToken.None);

        var lines = File.ReadAllLines(job.StdoutPath).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ONLY=this", "PATH=/usr/bin:/bin"], lines);
    }

    [Fact]
    public async Task The_Program_Is_Found_On_The_Jobs_Path_Relative_To_The_Working_Directory()
    {
        var bin = Directory.CreateDirectory(Path.Combine(Dir, "bin")).FullName;
        var script = Path.Combine(bin, "hello");
        File.WriteAllText(script, "#!/bin/sh\necho hello from $0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        var job = Job(["hello"], env: new Dictionary<string, string> { ["PATH"] = "bin:/usr/bin:/bin" });
        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("hello from", File.ReadAllText(job.StdoutPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Missing_Program_Exits_127_With_A_Message()
    {
        var job = Job(["no-such-program-stoa"]);

        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(127, run.ExitCode);
        Assert.Contains("no-such-program-stoa", File.ReadAllText(job.StderrPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_File_That_Is_Not_Executable_Exits_126()
    {
        var file = Path.Combine(Dir, "plain.sh");
        File.WriteAllText(file, "echo never\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // root may read anything but still needs an execute bit to run a file.
        var run = await _backend.ExecuteAsync(Job([file]), CancellationToken.None);

        Assert.Equal(126, run.ExitCode);
    }

    [Fact]
    public async Task An_Executable_Script_Without_A_Shebang_Runs_As_A_Shell_Script()
    {
        var script = Path.Combine(Dir, "noshebang");
        File.WriteAllText(script, "echo ran \"$1\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var job = Job([script, "arg one"]);

        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("ran arg one\n", File.ReadAllText(job.StdoutPath));
    }

    [Fact]
    public async Task Signals_Have_Their_Default_Dispositions_In_The_Job()
    {
        // The .NET runtime ignores SIGPIPE; a job that inherited that would see `yes` fail with "Broken pipe".
        var job = Job(["/bin/sh", "-c", "yes | head -n 1; grep -E '^(SigIgn|SigBlk)' /proc/self/status"]);

        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", File.ReadAllText(job.StderrPath));
        var lines = File.ReadAllLines(job.StdoutPath);
        Assert.Equal("y", lines[0]);
        Assert.Contains("SigIgn:\t0000000000000000", lines);
        Assert.Contains("SigBlk:\t0000000000000000", lines);
    }

    [Fact]
    public async Task Exit_Codes_And_Signals_Are_Reported_Like_The_Shell()
    {
        var exited = await _backend.ExecuteAsync(Job(["/bin/sh", "-c", "exit 42"]), CancellationToken.None);
        var killed = await _backend.ExecuteAsync(Job(["/bin/sh", "-c", "kill -TERM $$"]), CancellationToken.None);

        Assert.Equal(42, exited.ExitCode);
        Assert.Equal(128 + 15, killed.ExitCode);
    }

    [Fact]
    public async Task A_Time_Limit_Kills_The_Job_And_Says_So()
    {
        var job = Job(["/bin/sh", "-c", "sleep 60 & wait"]) with { TimeLimit = TimeSpan.FromMilliseconds(300) };

        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.True(run.TimedOut);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task A_Missing_Stdin_File_Fails_The_Job_With_A_Message()
    {
        var job = Job(["cat"], stdin: Path.Combine(Dir, "absent.txt"));

        var run = await _backend.ExecuteAsync(job, CancellationToken.None);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("absent.txt", File.ReadAllText(job.StderrPath), StringComparison.Ordinal);
    }

    private CwlPreparedJob Job(string[] argv, string? stdin = null, Dictionary<string, string>? env = null)
    {
        var n = Interlocked.Increment(ref _count);
        return new CwlPreparedJob
        {
            JobId = $"job{n}",
            Name = "test",
            CommandLine = argv,
            Environment = env ?? new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            WorkingDirectory = Dir,
            TempDirectory = Dir,
            StdinPath = stdin,
            StdoutPath = Path.Combine(Dir, $"job{n}.out"),
            StderrPath = Path.Combine(Dir, $"job{n}.err"),
        };
    }
}

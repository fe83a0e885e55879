using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 12, through the real <c>stoa</c> executable: a bad option value, a malformed argument, an unknown
/// role or an unknown option is one line on stderr naming the option (or argument) and what is allowed, exit 2 —
/// no stack trace, no help text, no .NET resource key.
/// </summary>
public sealed class CliBadOptionTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-sec-cli-");

    public CliBadOptionTests()
    {
        Assert.Equal(0, Basc("basc", "simulate", "sim", "--size", "32").ExitCode);
        _scratch.Ok("table", "new", "t", "square.cwl");
        _scratch.Ok("table", "add", "t", "name=a", "x=2");
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>The basc commands take no project.</summary>
    private (int ExitCode, string Stdout, string Stderr) Basc(params string[] args) => StoaProcess.Run(_scratch.Dir, null, args);

    /// <summary>One line, exit 2, the expected words, none of the marks of a crash or a help dump.</summary>
    private static void AssertOneLineUsageError((int ExitCode, string Stdout, string Stderr) run, string command, params string[] expected)
    {
        var (rc, stdout, stderr) = run;
        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(command + ": ", line, StringComparison.Ordinal);
        foreach (var e in expected)
        {
            Assert.Contains(e, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Usage:", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]+_[A-Za-z_]+\b", line);   // Arg_ParamName_Name, IO_FileExists_Name …
    }

    public static TheoryData<string[], string[]> BascFindOptions => new()
    {
        { ["--threads", "0"], ["--threads 0", "whole numbers, 1 or more"] },
        { ["--threads", "two"], ["--threads two", "whole numbers, 1 or more"] },
        { ["--rate", "0"], ["--rate 0", "numbers greater than 0"] },
        { ["--rate", "-0.5"], ["--rate -0.5", "numbers greater than 0"] },
        { ["--rate", "NaN"], ["--rate NaN", "numbers greater than 0"] },
        { ["--rate", "Infinity"], ["--rate Infinity", "numbers greater than 0"] },
        { ["--noise", "-1"], ["--noise -1", "numbers greater than 0"] },
        { ["--noise", "0"], ["--noise 0", "numbers greater than 0"] },
        { ["--samples", "0"], ["--samples 0", "whole numbers, 1 or more"] },
        { ["--samples", "-3"], ["--samples -3", "whole numbers, 1 or more"] },
        { ["--seed", "1.5"], ["--seed 1.5", "whole numbers from -2147483648 to 2147483647"] },
        { ["--min-p", "1.5"], ["--min-p 1.5", "numbers from 0 to 1"] },
        { ["--min-p", "-0.1"], ["--min-p -0.1", "numbers from 0 to 1"] },
        { ["--flux-slope", "0"], ["--flux-slope 0", "numbers greater than 0"] },
        { ["--out", "sim/map.fits"], ["--out ", "map.fits: is a file", "directories"] },
        { ["--bogus"], ["unknown option '--bogus'"] },
    };

    [Theory]
    [MemberData(nameof(BascFindOptions))]
    public void Basc_Find_Refuses_An_Option_Out_Of_Its_Range_In_One_Line(string[] option, string[] expected)
    {
        // An output directory is named so that the test can see none was made (the --out case names its own).
        string[] output = option[0] == "--out" ? [] : ["--out", "found"];
        var run = Basc(["basc", "find", "sim/map.fits", "sim/psf.fits", .. output, .. option]);

        AssertOneLineUsageError(run, "stoa basc find", expected);
        Assert.False(Directory.Exists(Path.Combine(_scratch.Dir, "found")));
    }

    [Fact]
    public void Basc_Find_Names_An_Output_Directory_It_Cannot_Make_In_Words_Not_Resource_Keys()
    {
        File.WriteAllText(Path.Combine(_scratch.Dir, "plain"), "a file where a folder should be");

        var run = Basc("basc", "find", "sim/map.fits", "sim/psf.fits", "--samples", "20", "--out", "plain/sub");

        AssertOneLineUsageError(run, "stoa basc find", "--out ", "plain/sub", "Could not find a part of the path");
    }

    public static TheoryData<string[], string, string[]> TableArguments => new()
    {
        { ["table", "set", "t", "abc"], "stoa table set", ["ROW abc", "row ids"] },
        { ["table", "set", "t", "0", "x=3"], "stoa table set", ["ROW 0", "row ids"] },
        { ["table", "set", "t", "1", "abc"], "stoa table set", ["'abc': expected COLUMN=VALUE"] },
        { ["table", "set", "t", "1", "=3"], "stoa table set", ["'=3': expected COLUMN=VALUE"] },
        { ["table", "share", "t", "ghost", "Admin"], "stoa table share", ["ROLE Admin", "Reader, Collaborator, Owner"] },
        { ["table", "share", "t", "ghost", "2"], "stoa table share", ["ROLE 2", "Reader, Collaborator, Owner"] },
        { ["table", "recompute", "t", "--parallel", "0"], "stoa table recompute", ["--parallel 0", "1 or more"] },
        { ["table", "show", "--bogus"], "stoa table show", ["unknown option '--bogus'"] },
        { ["table", "show", "t", "--bogus"], "stoa table show", ["unknown option '--bogus'"] },
        { ["table", "add", "t", "name=b", "x=3", "--verbose"], "stoa table add", ["unknown option '--verbose'"] },
        { ["table", "export", "t", "-f", "csv", "--compress"], "stoa table export", ["unknown option '--compress'"] },
        { ["user", "list", "-x"], "stoa user list", ["unknown option '-x'"] },
        { ["nosuch"], "stoa", ["unknown command or argument 'nosuch'"] },
        { ["table"], "stoa table", ["Required command was not provided"] },
    };

    [Theory]
    [MemberData(nameof(TableArguments))]
    public void A_Malformed_Argument_Or_Unknown_Option_Is_One_Line_And_Changes_Nothing(string[] args, string command, string[] expected)
    {
        var before = _scratch.Stoa("table", "show", "t", "--json").Stdout;

        AssertOneLineUsageError(_scratch.Stoa(args), command, expected);

        Assert.Equal(before, _scratch.Stoa("table", "show", "t", "--json").Stdout);
    }

    [Fact]
    public void Help_Still_Shows_The_Options_And_Succeeds()
    {
        var (rc, stdout, _) = Basc("basc", "find", "--help");

        Assert.Equal(0, rc);
        Assert.Contains("--threads", stdout, StringComparison.Ordinal);
        Assert.Contains("1 or more", stdout, StringComparison.Ordinal);
    }
}

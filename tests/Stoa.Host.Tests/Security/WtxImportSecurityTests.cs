using System.IO.Compression;
using System.Runtime.Versioning;
using Stoa.Host.Tests.Table;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 rows 3 and 7, through the real <c>stoa table import</c> on real .wtx files: a bundle brings in only its
/// own files, and never with the permissions it asks for.
/// </summary>
public sealed class WtxImportSecurityTests : IDisposable
{
    /// <summary>name: string → report: File (the tool is never run here: the rows come in COMPLETE).</summary>
    private const string ReportTool = """
        cwlVersion: v1.2
        class: CommandLineTool
        baseCommand: [sh, scripts/report.sh]
        inputs:
          name: string
        outputs:
          report:
            type: File
            outputBinding: {glob: report.txt}
        """;

    private const string Secret = "the importing user's private file";

    private readonly ScratchProject _scratch = new("stoa-sec-wtx-");

    private string Dir => _scratch.Dir;

    public void Dispose() => _scratch.Dispose();

    /// <summary>Writes a bundle whose entries have the given Unix modes (0 = no Unix attributes, as Windows zips).</summary>
    private string Bundle(string name, string reportCell, params (string Entry, string Text, int Mode)[] extra)
    {
        var path = Path.Combine(Dir, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        (string, string, int)[] entries =
        [
            ("workflow.cwl", ReportTool, 0x1A4),
            ("table.txt", $"# name: name report\n# type: string File\nok outputs/ok.txt\nbad {reportCell}\n", 0x1A4),
            ("tracking.txt", "COMPLETE\nCOMPLETE\n", 0x1A4),
            ("outputs/ok.txt", "ok\n", 0x1A4),
            .. extra,
        ];
        foreach (var (entryName, text, mode) in entries)
        {
            var entry = zip.CreateEntry(entryName);
            entry.ExternalAttributes = mode == 0 ? 0 : (mode | 0x8000) << 16;
            using var writer = new StreamWriter(entry.Open());
            writer.Write(text);
        }

        return path;
    }

    public static TheoryData<string> OutsidePaths => new()
    {
        "ABSOLUTE",             // replaced by the secret's absolute path
        "../../secret.txt",     // climbs out of the bundle directory
        "outputs/../../../secret.txt",
        "file://ABSOLUTE",
        "../../does-not-exist.txt",   // refused too: a cell must not probe the importing machine's files
    };

    [Theory]
    [MemberData(nameof(OutsidePaths))]
    public void Row3_An_Output_Cell_Naming_A_File_Outside_The_Bundle_Refuses_The_Whole_Import(string cell)
    {
        var secret = Path.Combine(Dir, "secret.txt");
        File.WriteAllText(secret, Secret);
        _scratch.Ok("table", "new", "other", "square.cwl");
        var bundle = Bundle("evil.wtx", cell.Replace("ABSOLUTE", secret, StringComparison.Ordinal));

        var (rc, stdout, stderr) = _scratch.Stoa("table", "import", "t", bundle, "--key", "name");

        Assert.True(rc == 2, $"exit {rc}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("evil.wtx!table.txt:4: column 'report'", line, StringComparison.Ordinal);
        Assert.Contains("outside the bundle", line, StringComparison.Ordinal);

        // Nothing created: no table, no bundle folder, no copy of the secret in the output store.
        Assert.Equal("other", _scratch.Stoa("table", "show").Stdout.Trim());
        var bundles = Path.Combine(Dir, "p.stoa-bundles");
        Assert.True(!Directory.Exists(bundles) || !Directory.EnumerateFileSystemEntries(bundles).Any());
        Assert.DoesNotContain(
            Directory.EnumerateFiles(Path.Combine(Dir, "p.stoa-outputs"), "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f) == Secret);
    }

    [Fact]
    public void Row3_Outputs_Inside_The_Bundle_Still_Import_Succeeded()
    {
        _scratch.Ok("table", "new", "other", "square.cwl");
        var bundle = Bundle("good.wtx", "outputs/../outputs/bad.txt", ("outputs/bad.txt", "inside\n", 0x1A4));

        _scratch.Ok("table", "import", "t", bundle, "--key", "name");

        Assert.Contains("2 Succeeded", _scratch.Stoa("table", "show", "t").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Row7_Entry_Modes_Are_Normalised_To_0644_Or_0755_For_Executables()
    {
        _scratch.Ok("table", "new", "other", "square.cwl");
        var bundle = Bundle(
            "modes.wtx",
            "outputs/ok.txt",
            ("scripts/report.sh", "#!/bin/sh\necho report > report.txt\n", 0x1FF),    // 0777
            ("scripts/setuid.sh", "#!/bin/sh\n", 0x9ED),                               // 04755
            ("data/world-writable.txt", "x\n", 0x1B6),                                  // 0666
            ("data/sticky-group.txt", "x\n", 0x3F6),                                    // 01766: x for the owner only
            ("data/no-unix-mode.txt", "x\n", 0));

        _scratch.Ok("table", "import", "t", bundle, "--key", "name");

        var root = Path.Combine(Dir, "p.stoa-bundles", "t");
        const UnixFileMode rw = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode rwx = rw | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Assert.Equal(rwx, File.GetUnixFileMode(Path.Combine(root, "scripts/report.sh")));
        Assert.Equal(rwx, File.GetUnixFileMode(Path.Combine(root, "scripts/setuid.sh")));
        Assert.Equal(rwx, File.GetUnixFileMode(Path.Combine(root, "data/sticky-group.txt")));
        Assert.Equal(rw, File.GetUnixFileMode(Path.Combine(root, "data/world-writable.txt")));
        Assert.Equal(rw, File.GetUnixFileMode(Path.Combine(root, "data/no-unix-mode.txt")));
        Assert.Equal(rw, File.GetUnixFileMode(Path.Combine(root, "workflow.cwl")));
        Assert.All(
            Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Append(root),
            d => Assert.Equal(rwx, File.GetUnixFileMode(d)));
    }
}

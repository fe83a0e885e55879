using System.Diagnostics;

namespace Stoa.Packages.Tests.NativeAot;

/// <summary>
/// A NuGet consumer publishes a Native AOT app with Stoa.Worktables, Stoa.Fits and Stoa.Basc (issue 20): the packed
/// packages, a project outside the repository with <c>PublishAot</c>, <c>dotnet publish -r linux-x64</c>. ILC must
/// report nothing about a Stoa assembly (Jint's own interop warnings come with Stoa.Cwl and are listed in README.md),
/// and the native binary must run <c>Consumer/Program.cs</c>, which checks what it reads back against what it wrote.
/// </summary>
public sealed class NativeAotConsumerTests
{
    private static readonly string[] Packages = ["Stoa.Worktables", "Stoa.Fits", "Stoa.Basc"];

    [NativeAotFact]
    public void Published_Native_App_Has_No_Stoa_Warnings_And_Runs()
    {
        using var packed = new PackedPackages();
        var root = Directory.CreateTempSubdirectory("stoa-aot-consumer-").FullName;
        try
        {
            PackedPackages.IsolateConsumerFolder(root);
            File.WriteAllText(Path.Combine(root, "nuget.config"), packed.NuGetConfig(root, userFolderAsSource: true));
            File.Copy(Path.Combine(Repository.Root, "tests", "Stoa.Packages.Tests", "NativeAot", "Consumer", "Program.cs"), Path.Combine(root, "Program.cs"));
            File.WriteAllText(Path.Combine(root, "AotConsumer.csproj"), packed.ConsumerProject(Packages, "\n    <PublishAot>true</PublishAot>"));

            var (exit, output) = ProcessRunner.Run("dotnet", ["publish", "-c", "Release", "-r", "linux-x64", "-o", "out", "-nologo", "-clp:NoSummary"], root, TimeSpan.FromMinutes(20));
            Assert.True(exit == 0, $"dotnet publish exited {exit}:\n{Tail(output)}");
            var warnings = output.Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
            // A warning is ours when it names a Stoa assembly or type (the trailing "[…/AotConsumer.csproj]" and the
            // lower-case package folder paths do not).
            var ours = warnings.Where(l => (l.IndexOf(" [", StringComparison.Ordinal) is var end and >= 0 ? l[..end] : l).Contains("Stoa.", StringComparison.Ordinal)).ToList();
            Assert.True(ours.Count == 0, $"ILC warned about Stoa code:\n{string.Join('\n', ours)}");

            var binary = Path.Combine(root, "out", "AotConsumer");
            Assert.True(File.Exists(binary), $"no native binary at {binary}:\n{Tail(output)}");
            var clock = Stopwatch.StartNew();
            var (runExit, runOutput) = ProcessRunner.Run(binary, [], root, TimeSpan.FromMinutes(5));
            Assert.True(runExit == 0, $"the native consumer exited {runExit} after {clock.Elapsed.TotalSeconds:F1} s:\n{Tail(runOutput)}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}

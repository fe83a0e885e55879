using System.Security;
using System.Text;

namespace Stoa.Packages.Tests.Readme;

/// <summary>
/// Every C# block of every library README as a console project of its own in a temporary folder outside the
/// repository, referencing only that library's package (the packed one), all built by one <c>dotnet build</c> of a
/// generated solution. The folder has its own nuget.config (the packed packages for Stoa.*, nuget.org for the rest,
/// its own global packages folder so a stale Stoa.* of the same version cannot be picked) and empty
/// Directory.Build/Packages files, so nothing of the repository's build reaches the consumer.
/// </summary>
public sealed class ConsumerSolution : IDisposable
{
    private readonly PackedPackages packages = new();

    public ConsumerSolution()
    {
        Root = Directory.CreateTempSubdirectory("stoa-readme-consumers-").FullName;
        PackedPackages.IsolateConsumerFolder(Root);

        File.WriteAllText(Path.Combine(Root, "nuget.config"), packages.NuGetConfig(Root));
        var solution = new StringBuilder("<Solution>\n");
        foreach (var library in Repository.Libraries)
        {
            var blocks = File.Exists(library.Readme) ? ReadmeBlocks.Read(library.Readme) : [];
            var projects = new List<string>();
            for (int i = 0; i < blocks.Count; i++)
            {
                var dir = Path.Combine(Root, library.Id, $"block{i + 1}");
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, "Program.cs"), blocks[i]);
                // Names unique across the solution (a solution holds one project of a name).
                var project = Path.Combine(dir, $"{library.Id}.ReadmeBlock{i + 1}.csproj");
                File.WriteAllText(project, packages.ConsumerProject([library.Id]));
                projects.Add(project);
                solution.Append("  <Project Path=\"").Append(SecurityElement.Escape(Path.GetRelativePath(Root, project))).Append("\" />\n");
            }

            Blocks[library.Id] = projects;
        }

        solution.Append("</Solution>\n");
        File.WriteAllText(Path.Combine(Root, "consumers.slnx"), solution.ToString());
        (BuildExitCode, BuildOutput) = ProcessRunner.Run("dotnet", ["build", "consumers.slnx", "-c", "Release", "-nologo", "-v", "q", "-clp:NoSummary"], Root, TimeSpan.FromMinutes(20));
    }

    /// <summary>The temporary folder holding the consumer projects.</summary>
    public string Root { get; }

    /// <summary>Per package id, the project of each C# block of its README, in README order.</summary>
    public Dictionary<string, List<string>> Blocks { get; } = new(StringComparer.Ordinal);

    public int BuildExitCode { get; }

    public string BuildOutput { get; }

    /// <summary>The build's error lines about the projects under <paramref name="directory"/>.</summary>
    public IReadOnlyList<string> ErrorsUnder(string directory) => BuildOutput.Split('\n')
        .Where(l => l.Contains(": error ", StringComparison.Ordinal) && l.Contains(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .Select(l => l.Replace(Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal).Trim())
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>The program a block's project built (Release, net10.0).</summary>
    public static string ProgramOf(string project) =>
        Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", Path.GetFileNameWithoutExtension(project) + ".dll");

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        packages.Dispose();
    }
}

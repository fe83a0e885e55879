namespace Stoa.Packages.Tests.Readme;

/// <summary>
/// Every library README (src/*/README.md, found anew each run, so a new package is covered at once) as a NuGet
/// consumer reads it: the four sections, every C# block a complete program that builds against the packed
/// package in a fresh project outside the repository, and the first block, the quickstart, running in an empty folder.
/// </summary>
public sealed class ReadmeTests(ConsumerSolution consumers) : IClassFixture<ConsumerSolution>
{
    public static TheoryData<string> Packages() => [.. Repository.Libraries.Select(l => l.Id)];

    private static Library Library(string id) => Repository.Libraries.Single(l => l.Id == id);

    [Theory]
    [MemberData(nameof(Packages))]
    public void Readme_Has_About_Quickstart_KeyFeatures_MainTypes(string id)
    {
        var readme = Library(id).Readme;
        Assert.True(File.Exists(readme), $"{id} has no README.md");
        var headings = File.ReadLines(readme).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        string[] required = ["About", "Quickstart", "Key features", "Main types"];
        var positions = required.Select(h => headings.IndexOf(h)).ToArray();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()),
            $"{id}/README.md: sections must include {string.Join(", ", required)} in that order; it has {string.Join(", ", headings)}");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Readme_Blocks_Build_Against_The_Package(string id)
    {
        var projects = consumers.Blocks[id];
        Assert.True(projects.Count > 0, $"{id}/README.md has no ```csharp block (the quickstart)");
        var errors = consumers.ErrorsUnder(Path.Combine(consumers.Root, id));
        Assert.True(errors.Count == 0, $"{id}/README.md: {errors.Count} build errors (block N is the README's Nth C# block):\n{string.Join('\n', errors)}");
        foreach (var project in projects)
        {
            Assert.True(File.Exists(ConsumerSolution.ProgramOf(project)),
                $"{Path.GetRelativePath(consumers.Root, project)} was not built; the build said:\n{Tail(consumers.BuildOutput)}");
        }
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Readme_Quickstart_Runs_In_An_Empty_Folder(string id)
    {
        var projects = consumers.Blocks[id];
        Assert.True(projects.Count > 0, $"{id}/README.md has no ```csharp block (the quickstart)");
        var program = ConsumerSolution.ProgramOf(projects[0]);
        Assert.True(File.Exists(program), $"{id}: the quickstart did not build:\n{string.Join('\n', consumers.ErrorsUnder(Path.Combine(consumers.Root, id)))}");
        var empty = Directory.CreateTempSubdirectory("stoa-readme-quickstart-").FullName;
        try
        {
            var (exit, output) = ProcessRunner.Run("dotnet", [program], empty, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"{id}: the quickstart exited {exit}:\n{Tail(output)}");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}

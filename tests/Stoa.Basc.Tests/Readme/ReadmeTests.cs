namespace Stoa.Basc.Tests.Readme;

public sealed class ReadmeTests
{
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    private static string[] Normalise(IEnumerable<string> lines) => lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    [Fact]
    public void Readme_Quickstart_Is_The_Compiled_Sample()
    {
        var sample = File.ReadAllLines(RepositoryFile("tests/Stoa.Basc.Tests/Readme/Quickstart.cs"));
        int begin = Array.FindIndex(sample, l => l.Contains("quickstart:begin", StringComparison.Ordinal));
        int end = Array.FindIndex(sample, l => l.Contains("quickstart:end", StringComparison.Ordinal));
        var readme = File.ReadAllLines(RepositoryFile("src/Stoa.Basc/README.md"));
        int heading = Array.FindIndex(readme, l => l.StartsWith("## Quickstart", StringComparison.Ordinal));
        int open = Array.FindIndex(readme, heading, l => l.StartsWith("```csharp", StringComparison.Ordinal));
        int close = Array.FindIndex(readme, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var code = readme[(open + 1)..close].Where(l => !l.StartsWith("using ", StringComparison.Ordinal));
        Assert.Equal(Normalise(sample[(begin + 1)..end]), Normalise(code));
    }

    [Fact]
    public void Readme_Quickstart_Runs_And_Finds_Both_Sources()
    {
        var (result, dir) = Quickstart.Run();
        try
        {
            Assert.Equal(2, result.Catalogue.Count);
            Assert.All(result.Catalogue, s => Assert.NotNull(s.Ra));
            Assert.True(File.Exists(Path.Combine(dir, "out", "catalogue.fits")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

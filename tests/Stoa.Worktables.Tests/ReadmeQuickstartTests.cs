using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Tests;

[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

/// <summary>The README quickstart is this compiled, running code, character for character.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public sealed class ReadmeQuickstartTests
{
    private static async Task Quickstart()
    {
        // quickstart-begin
        using var project = WorktableProject.Open("survey.stoa");
        var table = project.CreateTable("fluxes", CwlWorkflow.Load("measure.cwl"),
            new WorktableOptions { KeyColumns = ["obs_id"] });
        table.ImportCsv(File.OpenText("observations.csv"));
        await table.RecomputeAsync(new CwlRowExecutor(), new RecomputeOptions { MaxParallelism = 4 });
        var row = table.FindByKey("obs-042")!;
        table.Edit(row.RowId, "threshold", 5.0);     // row → Stale; the edit back to 4.0 would make it Succeeded again
        await table.RecomputeAsync(new CwlRowExecutor());   // runs that one row only
        Console.WriteLine($"{row.RowId}: {table.GetRow(row.RowId)["flux"]}");
        // quickstart-end
    }

    [Fact]
    public async Task The_quickstart_runs()
    {
        var dir = Directory.CreateTempSubdirectory("stoa-wt-readme-").FullName;
        File.WriteAllText(Path.Combine(dir, "measure.cwl"), """
            cwlVersion: v1.2
            class: ExpressionTool
            requirements:
              InlineJavascriptRequirement: {}
            inputs:
              obs_id: string
              threshold: double
            outputs:
              flux: double
            expression: '$({"flux": inputs.threshold * 2})'
            """);
        File.WriteAllText(Path.Combine(dir, "observations.csv"), "obs_id,threshold\nobs-041,4.0\nobs-042,4.0\n");
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = dir;
        try
        {
            await Quickstart();
            using var project = WorktableProject.Open("survey.stoa");
            var t = project.OpenTable("fluxes");
            Assert.Equal(10.0, (double)t.FindByKey("obs-042")!["flux"]!);
            Assert.Equal(8.0, (double)t.FindByKey("obs-041")!["flux"]!);
            Assert.All(t.Rows(), r => Assert.Equal(RowStatus.Succeeded, r.Status));
            Assert.Equal(1, t.FindByKey("obs-041")!.Attempts);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_readme_quickstart_is_the_compiled_code()
    {
        var source = File.ReadAllLines(ThisFile());
        var begin = Array.FindIndex(source, l => l.Trim() == "// quickstart-begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// quickstart-end");
        var code = source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim());

        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "Stoa.Worktables", "README.md"));
        var start = Array.IndexOf(readme, "```csharp");
        var stop = Array.IndexOf(readme, "```", start + 1);
        // The README's block is a complete program: using lines and the inputs it writes come first (this test
        // writes the same inputs above), then this code.
        var lines = code.ToArray();
        Assert.Equal(lines, readme[(stop - lines.Length)..stop]);
    }

    // Not [CallerFilePath]: CI builds map source paths to /_/ (ContinuousIntegrationBuild), so find the checkout instead.
    private static string ThisFile() => Path.Combine(RepositoryRoot(), "tests", "Stoa.Worktables.Tests", "ReadmeQuickstartTests.cs");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stoa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Stoa.sln not found above the test assembly.");
    }
}

using System.Text.RegularExpressions;
using Stoa.Provenance;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Provenance.Tests;

/// <summary>The package README's quickstart is this compiled code, character for character, and it runs.</summary>
public sealed partial class ReadmeQuickstartTests
{
    private static long Quickstart()
    {
        // quickstart-begin
        var dir = Directory.CreateTempSubdirectory("stoa-quickstart-").FullName;
        using var project = WorktableProject.Open(Path.Combine(dir, "demo.stoa"));
        var workflow = WorkflowDefinition.FromColumns("measure",
            [ColumnDefinition.Input("name", ColumnType.String)], [ColumnDefinition.Output("flux", ColumnType.Double)], "measure v1");
        var table = project.CreateTable("sources", workflow, new WorktableOptions { KeyColumns = ["name"] });
        table.AddRow(new Dictionary<string, object?> { ["name"] = "NGC 1068" });

        using var stream = File.Create(Path.Combine(dir, "sources.prov.json"));
        var records = WorktableProvenanceExport.Write(table, ProvFormat.Json, stream, new WorktableProvenanceOptions { User = "alice" });
        Console.WriteLine($"{records} PROV records in {stream.Name}");
        // quickstart-end
        return records;
    }

    [Fact]
    public void Readme_Quickstart_Is_The_Compiled_Code()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Stoa.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Stoa.sln not found above the test assembly.");
        }

        var block = CSharpBlock().Match(File.ReadAllText(Path.Combine(root, "src/Stoa.Worktables.Provenance/README.md"))).Groups[1].Value.Trim();
        var usings = block.Split('\n').TakeWhile(l => l.StartsWith("using Stoa", StringComparison.Ordinal)).ToList();
        Assert.Equal(["using Stoa.Provenance;", "using Stoa.Worktables;", "using Stoa.Worktables.Model;", "using Stoa.Worktables.Provenance;", "using Stoa.Worktables.Workflow;"], usings);
        var source = File.ReadAllText(Path.Combine(root, "tests/Stoa.Worktables.Provenance.Tests/ReadmeQuickstartTests.cs"));
        var begin = source.IndexOf("// quickstart-begin", StringComparison.Ordinal) + "// quickstart-begin".Length;
        var code = source[begin..source.IndexOf("        // quickstart-end", StringComparison.Ordinal)];
        var unindented = string.Join('\n', code.Split('\n').Select(l => l.StartsWith("        ", StringComparison.Ordinal) ? l[8..] : l)).Trim();
        Assert.Equal(unindented, string.Join('\n', block.Split('\n').Skip(usings.Count)).Trim());
    }

    [Fact]
    public void Readme_Quickstart_Runs() => Assert.Equal(5, Quickstart()); // the row, its plan, the user, the name cell and its membership

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;

namespace Stoa.Cwl.Tests.Execution;

public sealed class CommandLineBuilderTests
{
    [SuiteFact]
    public void Bindings_Sort_By_Position_Then_Name_With_Prefixes_And_Separators()
    {
        var doc = CwlDocument.Load(Path.Combine(SuitePaths.Tests, "bwa-mem-tool.cwl"));
        var inputs = new JsonObject
        {
            ["reference"] = new JsonObject { ["class"] = "File", ["path"] = "/d/chr20.fa" },
            ["reads"] = new JsonArray(new JsonObject { ["class"] = "File", ["path"] = "/d/r1.fq" }, new JsonObject { ["class"] = "File", ["path"] = "/d/r2.fq" }),
            ["minimum_seed_length"] = 3,
            ["min_std_max_min"] = new JsonArray(1, 2, 3, 4),
            ["args.py"] = new JsonObject { ["class"] = "File", ["path"] = "/d/args.py" },
        };
        var runtime = new JsonObject { ["cores"] = 2 };
        var words = new CommandLineBuilder(new ExpressionEvaluator(new JavaScriptEngine(), false, []), inputs, runtime).Build(doc.Process);
        Assert.Equal(
            ["python", "/d/args.py", "bwa", "mem", "-t", "2", "-I", "1,2,3,4", "-m", "3", "/d/chr20.fa", "/d/r1.fq", "/d/r2.fq"],
            words.Select(w => w.Text));
    }

    [Theory]
    [InlineData("plain-word_1.txt", "plain-word_1.txt")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("", "''")]
    public void Shell_Quoting_Leaves_Safe_Words_Alone(string word, string expected) =>
        Assert.Equal(expected, CommandLineBuilder.ShellQuote(word));
}

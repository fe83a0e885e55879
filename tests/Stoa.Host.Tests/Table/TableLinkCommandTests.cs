using System.Globalization;
using System.Text.Json.Nodes;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// <c>stoa table link</c> and <c>stoa table recompute --all</c> through the real executable and the real CWL engine:
/// a parent table squares x, a child table squares the parent's square (join on the key), a generator table gets one
/// row per element of a parent's array output.
/// </summary>
public sealed class TableLinkCommandTests : IDisposable
{
    /// <summary>n → [10, 20, 30, …] (n elements; no 0: `expr` exits 1 when its result is 0).</summary>
    private const string ListerTool = """
        cwlVersion: v1.2
        class: ExpressionTool
        requirements:
          InlineJavascriptRequirement: {}
        inputs:
          name: string
          n: int
        outputs:
          items: int[]
        expression: |
          ${ var a = []; for (var i = 0; i < inputs.n; i++) { a.push(10 * (i + 1)); } return {"items": a}; }
        """;

    private readonly ScratchProject _scratch = new("stoa-link-");

    public TableLinkCommandTests() => File.WriteAllText(Path.Combine(_scratch.Dir, "lister.cwl"), ListerTool);

    public void Dispose() => _scratch.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => _scratch.Stoa(args);

    private void Ok(params string[] args) => _scratch.Ok(args);

    private Dictionary<string, JsonObject> Rows(string table, string key = "name")
    {
        var (rc, stdout, stderr) = Stoa("table", "show", table, "--json");
        Assert.True(rc == 0, stderr);
        return JsonNode.Parse(stdout)!["rows"]!.AsArray().Select(r => r!.AsObject())
            .ToDictionary(r => r["inputs"]![key]!.ToJsonString());
    }

    /// <summary>Per table (in the order printed): the row ids that ran.</summary>
    private List<(string Table, long[] Ran)> RecomputeAll()
    {
        var (rc, stdout, stderr) = Stoa("table", "recompute", "--all", "--json");
        Assert.True(rc == 0, stdout + stderr);
        return [.. JsonNode.Parse(stdout)!["tables"]!.AsArray().Select(t => ((string)t!["table"]!, t["rows_run"]!.AsArray().Select(r => (long)r!).ToArray()))];
    }

    private void ParentAndChild()
    {
        Ok("table", "new", "parent", "square.cwl", "--key", "name");
        Ok("table", "new", "child", "square.cwl", "--key", "name");
        foreach (var (name, x) in new[] { ("a", 2), ("b", 3), ("c", 4) })
        {
            Ok("table", "add", "parent", $"name={name}", $"x={x}");
            Ok("table", "add", "child", $"name={name}", "x=0");
        }
    }

    [Fact]
    public void Join_Link_Then_Recompute_All_Runs_Parents_First_And_Then_Exactly_The_Dependent_Child_Rows()
    {
        ParentAndChild();
        var linked = Stoa("table", "link", "child", "--column", "x", "--from", "parent.sq");
        Assert.Equal(0, linked.ExitCode);
        Assert.Contains("join on child.name = parent.name", linked.Stdout, StringComparison.Ordinal);

        var listed = JsonNode.Parse(Stoa("table", "link", "--list", "--json").Stdout)!.AsArray();
        var link = Assert.Single(listed)!;
        Assert.Equal("join", (string)link["kind"]!);
        Assert.Equal("parent", (string)link["parent"]!);
        Assert.Equal("sq", (string)link["bind"]!["x"]!);
        Assert.Contains("parent → child", Stoa("table", "link", "--list").Stdout, StringComparison.Ordinal);

        var first = RecomputeAll();
        Assert.Equal(["parent", "child"], first.Select(t => t.Table));
        Assert.All(first, t => Assert.Equal(3, t.Ran.Length));
        var child = Rows("child");
        Assert.Equal([16L, 81L, 256L], new[] { "\"a\"", "\"b\"", "\"c\"" }.Select(n => (long)child[n]["outputs"]!["sq"]!));

        // Edit parent b: exactly parent b and child b rerun.
        var parentB = (long)Rows("parent")["\"b\""]["row_id"]!;
        Ok("table", "set", "parent", parentB.ToString(CultureInfo.InvariantCulture), "x=5");
        var second = RecomputeAll();
        Assert.Equal([parentB], second.Single(t => t.Table == "parent").Ran);
        Assert.Equal([(long)child["\"b\""]["row_id"]!], second.Single(t => t.Table == "child").Ran);
        Assert.Equal(625L, (long)Rows("child")["\"b\""]["outputs"]!["sq"]!);

        // Nothing changed: nothing runs anywhere.
        Assert.All(RecomputeAll(), t => Assert.Empty(t.Ran));
    }

    [Fact]
    public void Recompute_Of_One_Child_Table_Sees_The_Parents_Latest_Outputs()
    {
        ParentAndChild();
        Ok("table", "link", "child", "--column", "x", "--from", "parent.sq");
        Ok("table", "recompute", "parent");
        var (rc, stdout, stderr) = Stoa("table", "recompute", "child", "--json");
        Assert.True(rc == 0, stderr);
        Assert.Equal(3, JsonNode.Parse(stdout)!["rows_run"]!.AsArray().Count);
        Assert.Equal(16L, (long)Rows("child")["\"a\""]["outputs"]!["sq"]!);
    }

    [Fact]
    public void A_Link_That_Closes_A_Cycle_Is_Refused_With_Its_Path_And_Exit_6()
    {
        ParentAndChild();
        Ok("table", "new", "grandchild", "square.cwl", "--key", "name");
        Ok("table", "link", "child", "--column", "x", "--from", "parent.sq");
        Ok("table", "link", "grandchild", "--column", "x", "--from", "child.sq");

        var cycle = Stoa("table", "link", "parent", "--column", "x", "--from", "grandchild.sq");
        Assert.Equal(6, cycle.ExitCode);
        Assert.Contains("grandchild → parent → child → grandchild", cycle.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cycle.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(Stoa("table", "link", "--list", "--json").Stdout)!.AsArray().Count);
    }

    [Fact]
    public void Bad_Links_Exit_2_Naming_The_Problem()
    {
        ParentAndChild();
        var unknownColumn = Stoa("table", "link", "child", "--column", "x", "--from", "parent.nope");
        Assert.Equal(2, unknownColumn.ExitCode);
        Assert.Contains("'nope'", unknownColumn.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Stoa("table", "link", "child", "--column", "x").ExitCode);                                  // no --from
        Assert.Equal(2, Stoa("table", "link", "child", "--column", "x", "--from", "sq").ExitCode);                  // not PARENT.COLUMN
        Assert.Equal(2, Stoa("table", "link", "child", "--column", "x", "--from", "nosuch.sq").ExitCode);           // unknown table
        Assert.Equal(2, Stoa("table", "link", "child", "--column", "name", "--from", "parent.sq").ExitCode);        // int into string
        Assert.Equal(2, Stoa("table", "link", "child", "--generator", "parent.sq", "--element", "x").ExitCode);     // not an array
        Assert.Equal(2, Stoa("table", "recompute").ExitCode);                                                       // neither TABLE nor --all
        Assert.Equal(2, Stoa("table", "recompute", "child", "--backend", "cloud").ExitCode);
        Assert.Equal("no links", Stoa("table", "link", "--list").Stdout.Trim());
    }

    [Fact]
    public void Generator_Link_Makes_One_Child_Row_Per_Element()
    {
        Ok("table", "new", "lists", "lister.cwl", "--key", "name");
        Ok("table", "new", "squares", "square.cwl");
        Ok("table", "add", "lists", "name=l", "n=3");
        Ok("table", "link", "squares", "--generator", "lists.items", "--element", "x", "--column", "name", "--from", "lists.name");
        RecomputeAll();
        var squares = Rows("squares", "x");
        Assert.Equal([100L, 400L, 900L], new[] { "10", "20", "30" }.Select(x => (long)squares[x]["outputs"]!["sq"]!));
        Assert.All(squares.Values, r => Assert.Equal("l", (string)r["inputs"]!["name"]!));

        // One element more: one new row runs, the others keep their results.
        Ok("table", "set", "lists", Rows("lists")["\"l\""]["row_id"]!.ToJsonString(), "n=4");
        var again = RecomputeAll();
        Assert.Single(again.Single(t => t.Table == "squares").Ran);
        Assert.Equal(1600L, (long)Rows("squares", "x")["40"]["outputs"]!["sq"]!);
    }

    [Fact]
    public void Link_As_A_User_Applies_The_Roles()
    {
        ParentAndChild();
        Assert.Equal(0, StoaProcess.Run(_scratch.Dir, "correct horse battery", "user", "add", "ada", "--project", "p.stoa").ExitCode);
        Assert.Equal(0, StoaProcess.Run(_scratch.Dir, "another password", "user", "add", "bob", "--project", "p.stoa").ExitCode);
        Ok("table", "share", "parent", "ada", "Owner");
        Ok("table", "share", "child", "ada", "Owner");
        Ok("table", "share", "child", "bob", "Reader", "--as", "ada");

        var refused = Stoa("table", "link", "child", "--column", "x", "--from", "parent.sq", "--user", "bob");
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("bob", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Stoa("table", "link", "child", "--column", "x", "--from", "parent.sq", "--user", "nobody").ExitCode);

        // Without --user: the child's single Owner (ada) acts.
        Ok("table", "link", "child", "--column", "x", "--from", "parent.sq");
        Assert.Single(JsonNode.Parse(Stoa("table", "link", "--list", "--json").Stdout)!.AsArray());
    }
}

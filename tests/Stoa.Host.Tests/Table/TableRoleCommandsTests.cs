using System.Globalization;
using System.Text.Json.Nodes;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// <c>--user</c> on every table command, through the real <c>stoa</c> executable: the library's table handle applies
/// the roles to each (a Reader refused on every change with exit 5 and one line, nothing changed), the acting-user rule
/// is the library's (several Owners need <c>--user</c>: exit 2), and <c>stoa table delete|flag|comment</c>.
/// </summary>
public sealed class TableRoleCommandsTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-roles-");

    public void Dispose() => _scratch.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => _scratch.Stoa(args);

    private void Ok(params string[] args) => _scratch.Ok(args);

    private void AddUser(string name) =>
        Assert.Equal(0, StoaProcess.Run(_scratch.Dir, "a long enough password", "user", "add", name, "--project", "p.stoa").ExitCode);

    private JsonObject Show(params string[] more)
    {
        var (rc, stdout, stderr) = Stoa(["table", "show", "sq", "--json", .. more]);
        Assert.True(rc == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    /// <summary>Table sq (owned by ada) with rows a (x=2) and b (x=3); bob Reader, carol Collaborator, dave no role.</summary>
    private long SharedTable()
    {
        Ok("init");
        foreach (var user in new[] { "ada", "bob", "carol", "dave" })
        {
            AddUser(user);
        }

        Ok("table", "new", "sq", "square.cwl", "--key", "name", "--user", "ada");
        Ok("table", "add", "sq", "name=a", "x=2");
        Ok("table", "add", "sq", "name=b", "x=3", "--user", "ada");
        Ok("table", "share", "sq", "bob", "Reader", "--as", "ada");
        Ok("table", "share", "sq", "carol", "Collaborator", "--as", "ada");
        File.WriteAllText(Path.Combine(_scratch.Dir, "rows.csv"), "name,x\nc,4\n");
        File.WriteAllText(Path.Combine(_scratch.Dir, "rows.json"), """[{"name": "d", "x": 5}]""");
        return (long)Show()["rows"]!.AsArray().First()!["row_id"]!;
    }

    [Fact]
    public void A_Reader_Is_Refused_Every_Change_With_Exit_5_And_One_Line_And_Nothing_Changes()
    {
        var row = SharedTable().ToString(CultureInfo.InvariantCulture);
        var before = Show().ToJsonString();
        string[][] changes =
        [
            ["table", "set", "sq", row, "x=7"],
            ["table", "add", "sq", "name=z", "x=1"],
            ["table", "import", "sq", "rows.csv"],
            ["table", "import", "sq", "rows.json"],
            ["table", "delete", "sq", row],
            ["table", "flag", "sq", row, "--text", "suspect"],
            ["table", "comment", "sq", row, "looks odd"],
            ["table", "recompute", "sq"],
            ["table", "column", "sq", "x", "--unit", "deg"],
            ["table", "rebind", "sq"],
        ];
        foreach (var command in changes)
        {
            var (rc, _, stderr) = Stoa([.. command, "--user", "bob"]);
            Assert.True(rc == 5, $"{string.Join(' ', command)}: exit {rc}: {stderr}");
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("'bob'", stderr, StringComparison.Ordinal);
        }

        Assert.Equal(before, Show().ToJsonString());

        // What a Reader may do: read, check, export (PROV too).
        Assert.Equal(2, Show("--user", "bob")["rows"]!.AsArray().Count);
        Assert.Equal(0, Stoa("table", "status", "sq", "--user", "bob").ExitCode);
        Assert.Equal(0, Stoa("table", "export", "sq", "-f", "csv", "--user", "bob").ExitCode);
        var prov = Stoa("table", "export", "sq", "--prov", "json", "--user", "bob");
        Assert.True(prov.ExitCode == 0, prov.Stderr);

        // A user with no role reads nothing: not the table, not its provenance.
        Assert.Equal(5, Stoa("table", "show", "sq", "--user", "dave").ExitCode);
        var refused = Stoa("table", "export", "sq", "--prov", "json", "--user", "dave");
        Assert.Equal(5, refused.ExitCode);
        Assert.Equal(string.Empty, refused.Stdout);
    }

    [Fact]
    public void A_Collaborator_Flags_And_Comments_But_Does_Not_Edit()
    {
        var row = SharedTable().ToString(CultureInfo.InvariantCulture);
        var flagged = Stoa("table", "flag", "sq", row, "--text", "suspect", "--user", "carol", "--json");
        Assert.True(flagged.ExitCode == 0, flagged.Stderr);
        var flag = JsonNode.Parse(flagged.Stdout)!["flags"]!.AsArray().Single()!;
        Assert.Equal(("suspect", "carol"), ((string)flag["label"]!, (string)flag["author"]!));

        var commented = JsonNode.Parse(Stoa("table", "comment", "sq", row, "the map edge", "--user", "carol", "--json").Stdout)!;
        Assert.Equal(("carol", "the map edge"), ((string)commented["author"]!, (string)commented["text"]!));

        // The Reader sees them; the Collaborator may not edit.
        var listed = JsonNode.Parse(Stoa("table", "comment", "sq", row, "--user", "bob", "--json").Stdout)!["comments"]!.AsArray();
        Assert.Equal("the map edge", (string)listed.Single()!["text"]!);
        Assert.Equal(5, Stoa("table", "set", "sq", row, "x=9", "--user", "carol").ExitCode);
        Assert.Equal(5, Stoa("table", "delete", "sq", row, "--user", "carol").ExitCode);

        var cleared = JsonNode.Parse(Stoa("table", "flag", "sq", row, "--text", "suspect", "--clear", "--user", "carol", "--json").Stdout)!;
        Assert.Empty(cleared["flags"]!.AsArray());
    }

    [Fact]
    public void The_Acting_User_Rule_Is_The_Librarys_Several_Owners_Need_User()
    {
        var row = SharedTable().ToString(CultureInfo.InvariantCulture);

        // One Owner: without --user, ada acts (an Owner may edit).
        Ok("table", "set", "sq", row, "x=6");
        Ok("table", "share", "sq", "carol", "Owner", "--as", "ada");
        var (rc, _, stderr) = Stoa("table", "set", "sq", row, "x=7");
        Assert.Equal(2, rc);
        Assert.Contains("several Owners", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Ok("table", "set", "sq", row, "x=7", "--user", "carol");
        Assert.Equal(2, Stoa("table", "show", "sq", "--user", "nobody").ExitCode);
        Assert.Equal(7L, (long)Show("--user", "bob")["rows"]!.AsArray().Single(r => (long)r!["row_id"]! == long.Parse(row, CultureInfo.InvariantCulture))!["inputs"]!["x"]!);
    }

    [Fact]
    public void Delete_Flag_And_Comment_On_A_Table_Nobody_Owns()
    {
        Ok("table", "new", "sq", "square.cwl");
        Ok("table", "add", "sq", "name=a", "x=2");
        Ok("table", "add", "sq", "name=b", "x=3");
        var ids = Show()["rows"]!.AsArray().Select(r => (long)r!["row_id"]!).ToList();
        var first = ids[0].ToString(CultureInfo.InvariantCulture);

        Ok("table", "flag", "sq", first, "--text", "good");
        Ok("table", "comment", "sq", first, "checked by eye");
        var comments = JsonNode.Parse(Stoa("table", "comment", "sq", first, "--json").Stdout)!["comments"]!.AsArray();
        Assert.Equal("checked by eye", (string)comments.Single()!["text"]!);

        var deleted = Stoa("table", "delete", "sq", first, "--json");
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        Assert.Equal([ids[1]], Show()["rows"]!.AsArray().Select(r => (long)r!["row_id"]!));

        // The row is gone: deleting, flagging or commenting it again is bad input, one line naming the row.
        foreach (var command in new[] { new[] { "delete", "sq", first }, ["flag", "sq", first], ["comment", "sq", first, "again"] })
        {
            var (rc, _, stderr) = Stoa(["table", .. command]);
            Assert.Equal(2, rc);
            Assert.Contains($"no row {first}", stderr, StringComparison.Ordinal);
        }
    }
}

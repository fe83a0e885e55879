using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Stoa.Worktables.Annotations;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table delete|flag|comment TABLE ROW</c>: one row's deletion (Owner), flags and comments (Collaborator and
/// up), each a call on the acting user's table handle, as the web app's row controls are.
/// </summary>
internal static class TableRowCommands
{
    /// <summary><c>stoa table delete TABLE ROW [--user NAME]</c>.</summary>
    public static Command Delete(Option<string> project, Option<bool> json)
    {
        var (name, row, user) = Arguments();
        var command = new Command("delete", "Delete a row with its run history, flags and comments (Owner).") { name, row, user };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var table = TableCommands.Open(p, parse, name, user);
            var id = parse.GetValue(row);
            if (!table.Delete(id))
            {
                throw new KeyNotFoundException($"table '{table.Name}': no row {id}.");
            }

            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(new JsonObject { ["table"] = table.Name, ["row_id"] = id, ["deleted"] = true });
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Name}: deleted row {id}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>stoa table flag TABLE ROW [--text LABEL] [--clear] [--user NAME]</c>.</summary>
    public static Command Flag(Option<string> project, Option<bool> json)
    {
        var (name, row, user) = Arguments();
        var text = new Option<string>("--text") { Description = "The flag's label, e.g. suspect or good.", DefaultValueFactory = _ => "flagged" };
        var clear = new Option<bool>("--clear") { Description = "Clear the flag instead of setting it." };
        var command = new Command("flag", "Set (or --clear) a flag on a row (Collaborator and up); kept in the row's flag history.") { name, row, text, clear, user };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var table = TableCommands.Open(p, parse, name, user);
            var (id, label) = (parse.GetValue(row), parse.GetValue(text)!);
            if (string.IsNullOrWhiteSpace(label))
            {
                Console.Error.WriteLine("stoa table flag: --text: the label is empty.");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(clear))
            {
                table.ClearFlag(id, label);
            }
            else
            {
                table.SetFlag(id, label);
            }

            var flags = table.Flags(id);
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(new JsonObject { ["table"] = table.Name, ["row_id"] = id, ["flags"] = new JsonArray([.. flags.Select(f => (JsonNode)FlagJson(f))]) });
            }
            else
            {
                var now = flags.Count == 0 ? "none" : string.Join(", ", flags.Select(f => f.Label));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Name}: row {id} {(parse.GetValue(clear) ? "cleared" : "flagged")} '{label}'; flags now: {now}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>stoa table comment TABLE ROW [TEXT] [--user NAME]</c>: adds TEXT, or lists the row's comments.</summary>
    public static Command Comment(Option<string> project, Option<bool> json)
    {
        var (name, row, user) = Arguments();
        var text = new Argument<string?>("TEXT") { Description = "The comment (default: list the row's comments).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("comment", "Comment on a row (Collaborator and up; comments are never edited), or list its comments.") { name, row, text, user };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var table = TableCommands.Open(p, parse, name, user);
            var id = parse.GetValue(row);
            if (parse.GetValue(text) is { } body)
            {
                if (string.IsNullOrWhiteSpace(body))
                {
                    Console.Error.WriteLine("stoa table comment: TEXT is empty.");
                    return ExitCodes.BadInput;
                }

                var added = table.AddComment(id, body);
                if (parse.GetValue(json))
                {
                    TableOutput.WriteJson(CommentJson(added));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Name}: comment {added.CommentId} on row {id} by {added.Author}"));
                }

                return ExitCodes.Success;
            }

            // Listing a row that does not exist is an error, not an empty list.
            _ = table.GetRow(id);
            var comments = table.Comments(id);
            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(new JsonObject { ["table"] = table.Name, ["row_id"] = id, ["comments"] = new JsonArray([.. comments.Select(c => (JsonNode)CommentJson(c))]) });
            }
            else
            {
                foreach (var c in comments)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Utc:yyyy-MM-dd HH:mm} {c.Author}: {c.Text}"));
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static (Argument<string> Name, Argument<long> Row, Option<string?> User) Arguments() =>
        (new("TABLE") { Description = "The worktable's name." }, RangedValues.RowId("ROW", "The row id (see 'stoa table show')."), ActingUser.Option());

    private static JsonObject FlagJson(RowFlag f) => new() { ["label"] = f.Label, ["author"] = f.Author, ["utc"] = f.Utc };

    private static JsonObject CommentJson(RowComment c) => new()
    {
        ["comment_id"] = c.CommentId, ["row_id"] = c.RowId, ["author"] = c.Author, ["utc"] = c.Utc, ["text"] = c.Text,
    };
}

using System.CommandLine;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table publish TABLE [--as NAME] [--withdraw] [--user OWNER]</c>: makes a table readable anonymously through
/// <c>stoa serve</c>'s VO endpoints (TAP, cone search), or withdraws it. Stoa.Worktables checks that the acting user is
/// an Owner and audits it.
/// </summary>
internal static class TablePublishCommand
{
    public static Command Create(Option<string> project)
    {
        var name = new Argument<string>("TABLE") { Description = "The worktable's name." };
        var published = new Option<string?>("--as") { Description = "The ADQL table name to publish under (default: the table's name)." };
        var withdraw = new Option<bool>("--withdraw") { Description = "Withdraw the table from the VO services instead." };
        var user = ActingUser.Option();
        var command = new Command("publish", "Publish a worktable to the Virtual Observatory (anonymous TAP/ADQL and cone search under stoa serve), or withdraw it (Owner).")
        {
            name, published, withdraw, user,
        };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var acting = p.OpenTable(tableName, parse.GetValue(user)) as Stoa.Worktables.Access.UserWorktable
                ?? throw new WorktableException($"table '{tableName}' has no Owner: publishing is an Owner's decision; claim it first ('stoa table share {tableName} USER Owner').");
            if (parse.GetValue(withdraw))
            {
                if (parse.GetValue(published) is not null)
                {
                    throw new WorktableException("--withdraw takes no --as NAME.");
                }

                Console.WriteLine(acting.Withdraw() ? $"'{tableName}' is withdrawn from the VO services" : $"'{tableName}' was not published");
                return ExitCodes.Success;
            }

            var asName = acting.Publish(parse.GetValue(published));
            Console.WriteLine($"'{tableName}' is published as {asName}: /tap (ADQL: SELECT * FROM {asName}) and /scs/{asName} under stoa serve, without login");
            return ExitCodes.Success;
        }));
        return command;
    }
}

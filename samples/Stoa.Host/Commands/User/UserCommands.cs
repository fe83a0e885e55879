using System.CommandLine;
using Stoa.Host.Access;
using Stoa.Host.Commands.Table;

namespace Stoa.Host.Commands.User;

/// <summary>
/// <c>stoa user add NAME</c> (registers the user in the project; password read from stdin, never from the command
/// line, stored as an Identity hash beside the project) and <c>stoa user list</c>.
/// </summary>
internal static class UserCommands
{
    /// <summary>Builds the <c>user</c> command group.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        var name = new Argument<string>("NAME") { Description = "The account name (one word)." };
        var add = new Command("add", "Add a user to the project, or change their password; the password is read from the first line of stdin.") { name };
        add.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var password = Console.In.ReadLine() ?? string.Empty;
            var user = parse.GetValue(name)!;
            try
            {
                ProjectAccess.Open(ProjectOptions.FilesPrefix(p)).SetPassword(user, password);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"stoa user add: {e.Message.Split(" (Parameter")[0]}");
                return ExitCodes.BadInput;
            }

            p.AddUser(user);
            Console.WriteLine($"user '{user}' added; password hash in {ProjectAccess.PathFor(ProjectOptions.FilesPrefix(p))}");
            return ExitCodes.Success;
        }));
        var list = new Command("list", "List the project's users and their roles.");
        list.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            foreach (var user in p.Users)
            {
                var roles = p.TableNames.Select(t => (t, p.OpenTableAs(user, t).Role)).Where(r => r.Role is not null).Select(r => $"{r.t}:{r.Role}");
                Console.WriteLine($"{user}\t{string.Join(' ', roles)}");
            }

            return ExitCodes.Success;
        }));
        return new Command("user", "Users of the project (for 'stoa serve' and roles).") { project, add, list };
    }
}

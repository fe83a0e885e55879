using System.CommandLine;
using Stoa.Host.Access;
using Stoa.Host.Commands.Table;

namespace Stoa.Host.Commands.User;

/// <summary><c>stoa user add NAME</c> (password read from stdin, never from the command line) and <c>stoa user list</c>.</summary>
internal static class UserCommands
{
    /// <summary>Builds the <c>user</c> command group.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        var name = new Argument<string>("NAME") { Description = "The account name (one word)." };
        var add = new Command("add", "Add an account to the project, or change its password; the password is read from the first line of stdin.") { name };
        add.SetAction(parse =>
        {
            var password = Console.In.ReadLine() ?? string.Empty;
            try
            {
                ProjectAccess.Open(parse.GetValue(project)!.FullName).SetPassword(parse.GetValue(name)!, password);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"stoa user add: {e.Message.Split(" (Parameter")[0]}");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"account '{parse.GetValue(name)}' saved in {ProjectAccess.PathFor(parse.GetValue(project)!.FullName)}");
            return ExitCodes.Success;
        });
        var list = new Command("list", "List the project's accounts and their roles.");
        list.SetAction(parse =>
        {
            var access = ProjectAccess.Open(parse.GetValue(project)!.FullName);
            foreach (var user in access.Users)
            {
                var roles = access.Grants().Where(g => g.User == user).Select(g => $"{g.Table}:{g.Role}");
                Console.WriteLine($"{user}\t{string.Join(' ', roles)}");
            }

            return ExitCodes.Success;
        });
        return new Command("user", "Accounts of the project (for 'stoa serve').") { project, add, list };
    }
}

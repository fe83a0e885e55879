using System.CommandLine;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>--user NAME</c>, taken by every table command: who acts on the table, so that Stoa.Worktables' roles apply to
/// the CLI as they do to the web app. The rule for a command without it is the library's
/// (<see cref="Stoa.Worktables.WorktableProject.OpenTable(string, string?)"/>).
/// </summary>
internal static class ActingUser
{
    /// <summary><c>--user NAME</c>.</summary>
    public static Option<string?> Option() => new("--user")
    {
        Description = "Act as this project user; the table's roles apply (refusal: exit 5). Default: the table's single Owner; "
            + "required when it has several; a table without owners is acted on directly.",
    };
}

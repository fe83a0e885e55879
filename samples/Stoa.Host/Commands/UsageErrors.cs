using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Stoa.Host.Commands;

/// <summary>
/// What the command line itself got wrong (an unknown option, a value out of range, a missing argument) is bad
/// input: one line on stderr naming the command and the option or argument, exit 2, never the help text (which
/// would bury the one line that matters) and never a stack trace.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Writes the first usage error of <paramref name="parse"/> and returns exit 2; null when there is none.</summary>
    public static int? Report(ParseResult parse)
    {
        // A command that passes unknown tokens on (`cwl run TOOL --input value`, as cwltool) takes them as its own.
        var strict = parse.CommandResult.Command.TreatUnmatchedTokensAsErrors;
        // A token nothing matched says more than the "required command was not provided" it also causes.
        var message = strict && parse.UnmatchedTokens.Count > 0 ? Unknown(parse.UnmatchedTokens[0])
            : parse.Errors.Count > 0 ? parse.Errors[0].Message
            : strict ? UnknownOption(parse.CommandResult) : null;
        if (message is null)
        {
            return null;
        }

        var command = CommandPath(parse.CommandResult);
        // System.CommandLine's own messages may span lines ("Did you mean …"): keep the first.
        var line = message.Split('\n', 2)[0].TrimEnd();
        Console.Error.WriteLine($"{command}: {line} ('{command} --help' lists the options)");
        return ExitCodes.BadInput;
    }

    private static string Unknown(string token) =>
        token.StartsWith('-') ? $"unknown option '{token}'." : $"unknown command or argument '{token}'.";

    /// <summary>"stoa table set" for the command a parse ended in.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Command is RootCommand ? "stoa" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>
    /// An option System.CommandLine does not know is taken as the value of a free argument (<c>table show --bogus</c>
    /// would look for a table named "--bogus"). A command argument starting with '-' that is not a number is an
    /// unknown option; a file of such a name can still be given as <c>./-name</c>. Option values are not looked at.
    /// </summary>
    private static string? UnknownOption(CommandResult leaf)
    {
        for (SymbolResult? r = leaf; r is CommandResult c; r = c.Parent)
        {
            foreach (var argument in c.Children.OfType<ArgumentResult>())
            {
                foreach (var token in argument.Tokens)
                {
                    if (token.Value.Length > 1 && token.Value[0] == '-' && !double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        return Unknown(token.Value);
                    }
                }
            }
        }

        return null;
    }
}

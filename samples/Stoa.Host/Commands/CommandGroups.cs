using System.CommandLine;
using Stoa.Host.Commands.Cwl;

namespace Stoa.Host.Commands;

/// <summary>The command groups the host offers, in the order `stoa --help` lists them.</summary>
internal static class CommandGroups
{
    /// <summary>Every top-level command group. Add a group's factory here when it exists.</summary>
    public static IEnumerable<Command> All =>
    [
        Demo.DemoCommand.Create(),
        Init.InitCommand.Create(),
        CwlCommands.Create(),
        Samp.SampCommands.Create(),
        Basc.BascCommands.Create(),
        Table.TableCommands.Create(),
        ProvCommands.Create(),
        User.UserCommands.Create(),
        Serve.ServeCommand.Create(),
    ];
}

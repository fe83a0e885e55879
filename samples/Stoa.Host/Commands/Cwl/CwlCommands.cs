using System.CommandLine;

namespace Stoa.Host.Commands.Cwl;

/// <summary>`stoa cwl …`: run and validate CWL documents (cwltool's command-line conventions).</summary>
internal static class CwlCommands
{
    public static Command Create()
    {
        var cwl = new Command("cwl", "Common Workflow Language v1.2: run and validate tools and workflows.");
        cwl.Subcommands.Add(CwlRunCommand.Create());
        cwl.Subcommands.Add(CwlValidateCommand.Create());
        return cwl;
    }
}

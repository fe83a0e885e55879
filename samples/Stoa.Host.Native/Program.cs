using System.CommandLine;
using Stoa.Host.Commands;
using Stoa.Host.Commands.Cwl;
using Stoa.Host.Native;

// `stoa cwl …` runs in this native process; anything else is the full host's, which this process becomes.
if (args.Length == 0 || args[0] != "cwl")
{
    return FullHost.Exec(args);
}

var root = new RootCommand("stoa — reproducible batch processing for observational astronomy (CWL, worktables, BaSC, PROV, FITS).");
root.Subcommands.Add(CwlCommands.Create());
var parse = root.Parse(args);
return UsageErrors.Report(parse) ?? await parse.InvokeAsync().ConfigureAwait(false);

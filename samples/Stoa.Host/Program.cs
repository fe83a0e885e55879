using System.CommandLine;
using Stoa.Host.Commands;

// The thin host: each command group lives in its own file under Commands/ and only wires
// library entry points to the command line. No logic that belongs in a library lives here.
var root = new RootCommand("stoa — reproducible batch processing for observational astronomy (CWL, worktables, BaSC, PROV, FITS).");
foreach (var group in CommandGroups.All)
{
    root.Subcommands.Add(group);
}

var parse = root.Parse(args);
return UsageErrors.Report(parse) ?? await parse.InvokeAsync().ConfigureAwait(false);

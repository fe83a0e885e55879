using System.CommandLine;
using Stoa.Host.Commands.Table;
using Stoa.Provenance;
using Stoa.Worktables;
using Stoa.Worktables.Provenance;

namespace Stoa.Host.Commands;

/// <summary><c>stoa prov export TABLE [--format F] [--out FILE]</c>: a worktable's rows as a PROV document (Stoa.Provenance).</summary>
internal static class ProvCommands
{
    /// <summary>Builds the <c>prov</c> command group.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        var name = new Argument<string>("TABLE") { Description = "The worktable whose rows to describe." };
        var format = new Option<string>("--format") { Description = "json (PROV-JSON), provn, turtle (PROV-O), ntriples or xml.", DefaultValueFactory = _ => "json" };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Output file (default: stdout)." };
        var export = new Command("export", "Export the provenance of every row of a worktable (W3C PROV).") { name, format, output };
        export.SetAction(parse => TableCommands.Run(parse, project, p => Write(p.OpenTable(parse.GetValue(name)!), parse.GetValue(format)!, parse.GetValue(output))));
        return new Command("prov", "W3C PROV provenance of worktable runs.") { project, export };
    }

    /// <summary>Writes <paramref name="table"/>'s provenance in <paramref name="formatName"/> to a file or stdout.</summary>
    internal static int Write(Worktable table, string formatName, FileInfo? target)
    {
        if (!WorktableProvenanceExport.TryParseFormat(formatName, out var format))
        {
            Console.Error.WriteLine($"stoa prov export: unknown format '{formatName}' (json, provn, turtle, ntriples, xml)");
            return ExitCodes.BadInput;
        }

        var options = new WorktableProvenanceOptions { User = Environment.UserName };
        if (target is null)
        {
            using var stdout = Console.OpenStandardOutput();
            WorktableProvenanceExport.Write(table, format, stdout, options);
            return ExitCodes.Success;
        }

        using (var file = File.Create(target.FullName))
        {
            WorktableProvenanceExport.Write(table, format, file, options);
        }

        Console.Error.WriteLine(target.FullName);
        return ExitCodes.Success;
    }
}

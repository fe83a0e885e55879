using System.CommandLine;
using System.Globalization;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;
using Stoa.Worktables.Search;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table export</c> (JSON, CSV, FITS binary table, VOTable 1.4, STOA <c>.wtx</c> bundle, or the rows' PROV) and
/// <c>stoa table cone</c> (IVOA Simple Cone Search answered in VOTable): the table read out through Stoa.Worktables'
/// exports, as the acting user when the table has owners so that the roles apply.
/// </summary>
internal static class TableExportCommands
{
    /// <summary>The table formats of <c>--format</c>, as the user types them.</summary>
    private static readonly string[] Formats = ["json", "csv", "fits", "votable", "votable-binary2", "wtx"];

    /// <summary>Builds <c>stoa table export</c>.</summary>
    public static Command Export(Option<string> project)
    {
        var name = new Argument<string>("TABLE") { Description = "The worktable's name." };
        var prov = new Option<string?>("--prov") { Description = "Export the rows' provenance instead: json, provn, turtle, ntriples or xml." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "json, csv, fits (binary table), votable (TABLEDATA), votable-binary2, or wtx (a STOA bundle that reproduces the table).",
            DefaultValueFactory = _ => "json",
        };
        var hidden = new Option<bool>("--hidden") { Description = "Also write the hidden fields (row id, status, hashes, times) first; not for wtx." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Output file (default: stdout). The file is replaced only once written." };
        var user = ActingUser.Option();
        var command = new Command("export", "Export a worktable (JSON, CSV, FITS, VOTable, .wtx), or its provenance (--prov).") { name, prov, format, hidden, output, user };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var table = p.OpenTable(tableName, parse.GetValue(user));
            var target = parse.GetValue(output);
            if (parse.GetValue(prov) is { } provFormat)
            {
                // The PROV mapping reads the rows itself; the handle's read first is the role check (Reader, as
                // every export), refused and audited like any other.
                _ = table.KeyColumns;
                return ProvCommands.Write(p.OpenTable(tableName), provFormat, target);
            }

            var f = parse.GetValue(format)!.ToLowerInvariant();
            if (!Formats.Contains(f))
            {
                Console.Error.WriteLine($"stoa table export: --format {f}: expected one of {string.Join(", ", Formats)}.");
                return ExitCodes.BadInput;
            }

            if (f == "json")
            {
                // The library's JSON table document with every field: what `stoa table show --json` prints.
                WriteTo(target, stream =>
                {
                    table.ExportJson(stream, Stoa.Worktables.Export.JsonExportOptions.All);
                    stream.WriteByte((byte)'\n');
                });
                return ExitCodes.Success;
            }

            var withHidden = parse.GetValue(hidden);
            WriteTo(target, stream =>
            {
                switch (f)
                {
                    case "csv":
                        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
                        {
                            table.ExportCsv(writer, withHidden);
                        }

                        break;
                    case "fits":
                        table.ExportFits(stream, withHidden);
                        break;
                    case "votable":
                        table.ExportVoTable(stream, VoTableSerialization.TableData, withHidden);
                        break;
                    case "votable-binary2":
                        table.ExportVoTable(stream, VoTableSerialization.Binary2, withHidden);
                        break;
                    default:
                        table.ExportWtx(stream);
                        break;
                }
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Builds <c>stoa table cone</c>.</summary>
    public static Command Cone(Option<string> project)
    {
        var name = new Argument<string>("TABLE") { Description = "The worktable's name." };
        var ra = new Option<double>("--ra") { Description = "RA of the cone's centre, degrees (ICRS), 0 to 360.", Required = true };
        var dec = new Option<double>("--dec") { Description = "Dec of the cone's centre, degrees, -90 to 90.", Required = true };
        var sr = new Option<double>("--sr") { Description = "Search radius, degrees, 0 to 180.", Required = true };
        var raColumn = new Option<string?>("--ra-column") { Description = "The RA column (default: the numeric column with UCD pos.eq.ra, meta.main preferred)." };
        var decColumn = new Option<string?>("--dec-column") { Description = "The Dec column (default: the numeric column with UCD pos.eq.dec, meta.main preferred)." };
        var binary2 = new Option<bool>("--binary2") { Description = "Write the VOTable rows as BINARY2 instead of TABLEDATA." };
        var hidden = new Option<bool>("--hidden") { Description = "Also write the hidden fields (row id, status, hashes, times)." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Output VOTable file (default: stdout)." };
        var user = ActingUser.Option();
        var command = new Command("cone", "IVOA Simple Cone Search: the rows within --sr degrees of (--ra, --dec), nearest first, as a VOTable with a distance column.")
        {
            name, ra, dec, sr, raColumn, decColumn, binary2, hidden, output, user,
        };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            var tableName = parse.GetValue(name)!;
            var table = p.OpenTable(tableName, parse.GetValue(user));
            var options = new ConeSearchOptions
            {
                RaColumn = parse.GetValue(raColumn),
                DecColumn = parse.GetValue(decColumn),
                Serialization = parse.GetValue(binary2) ? VoTableSerialization.Binary2 : VoTableSerialization.TableData,
                IncludeSystemFields = parse.GetValue(hidden),
            };
            var (centreRa, centreDec, radius) = (parse.GetValue(ra), parse.GetValue(dec), parse.GetValue(sr));
            var found = 0;
            try
            {
                WriteTo(parse.GetValue(output), stream => found = table.ConeSearch(stream, centreRa, centreDec, radius, options));
            }
            catch (ArgumentOutOfRangeException e)
            {
                // The library names the parameter and its range; the CLI spells it as the option the user typed.
                Console.Error.WriteLine($"stoa table cone: --{e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}");
                return ExitCodes.BadInput;
            }
            catch (WorktableException e) when (e is not AccessDeniedException)
            {
                // Only the position columns can be wrong here: say how a CLI user declares them.
                Console.Error.WriteLine($"stoa table cone: {e.Message}");
                Console.Error.WriteLine($"  declare them with 'stoa table column {tableName} COLUMN --ucd pos.eq.ra' (and pos.eq.dec), or name them with --ra-column/--dec-column.");
                return ExitCodes.BadInput;
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Name}: {found} row(s) within {radius}° of ({centreRa}, {centreDec})"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Writes through <paramref name="write"/> to stdout, or to a temporary file beside <paramref name="target"/> that
    /// replaces it only when complete, so a failed export never leaves half a file (nor destroys an older one).
    /// </summary>
    private static void WriteTo(FileInfo? target, Action<Stream> write)
    {
        if (target is null)
        {
            using var stdout = Console.OpenStandardOutput();
            write(stdout);
            return;
        }

        var temporary = Path.Combine(target.DirectoryName ?? ".", $".{target.Name}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
            }

            File.Move(temporary, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        Console.Error.WriteLine(target.FullName);
    }
}

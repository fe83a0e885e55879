using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stoa.Basc.Simulation;
using Stoa.Host.Commands.Table;
using Stoa.Worktables.Provenance;
using Stoa.Provenance;
using Stoa.Worktables;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;

namespace Stoa.Host.Demo;

/// <summary>
/// <c>stoa demo</c>: the whole product on the embedded default (a SQLite project, local execution) in one go —
/// simulate three radio fields, find their sources with BaSC through a CWL workflow bound to a worktable, summarise
/// the catalogues in a second worktable linked to the first, edit one input and show that exactly the affected rows
/// rerun in both tables, export the tables (JSON, FITS, VOTable) and their PROV.
/// </summary>
internal sealed class DemoRunner(IAnsiConsole console, string directory)
{
    /// <summary>The three fields: name, noise seed and sources as (x, y, flux Jy).</summary>
    private static readonly (string Name, int Seed, (double X, double Y, double Flux)[] Sources)[] Fields =
    [
        ("A", 11, [(30, 33, 0.020), (60.5, 52, 0.012)]),
        ("B", 12, [(45, 40, 0.015), (20, 70, 0.010), (70, 25, 0.008)]),
        ("C", 13, [(48, 48, 0.025)]),
    ];

    private const int MapSize = 96;

    /// <summary>The project file the demo writes.</summary>
    public string ProjectPath => Path.Combine(directory, "project.stoa");

    /// <summary>Runs the demo; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFileSystemEntries(directory, "project.stoa*"))
        {
            // A previous demo in the same directory: start over (only the demo's own project files).
            if (File.Exists(stale))
            {
                File.Delete(stale);
            }
            else
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        console.MarkupLineInterpolated($"[bold]stoa demo[/] in {directory}");
        var workflows = DemoWorkflows.WriteTo(Path.Combine(directory, "workflows"));
        Step($"1. CWL workflows written to {Path.Combine(directory, "workflows")} (basc-find.cwl runs: {string.Join(' ', DemoWorkflows.StoaCommand())} basc find)");

        var fieldDirs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, seed, sources) in Fields)
        {
            var dir = Path.Combine(directory, "fields", name);
            FieldSimulator.Simulate(new SimulationOptions
            {
                Size = MapSize,
                NoiseSeed = seed,
                Sources = [.. sources.Select(s => new SimulatedSource(s.X, s.Y, s.Flux))],
                PrimaryBeamFwhm = 150,
            }).WriteFits(dir);
            fieldDirs[name] = dir;
        }

        Step($"2. simulated three {MapSize}×{MapSize} radio fields (map, beam, primary beam, truth) in {Path.Combine(directory, "fields")}");

        using var project = WorktableProject.Open(ProjectPath);
        var fields = project.CreateTable("fields", CwlWorkflow.Load(workflows["find-sources.cwl"]), new WorktableOptions { KeyColumns = ["field"] });
        foreach (var (name, dir) in fieldDirs)
        {
            fields.AddRow(new Dictionary<string, object?>
            {
                ["field"] = name,
                ["map"] = new FileInfo(Path.Combine(dir, "map.fits")),
                ["psf"] = new FileInfo(Path.Combine(dir, "psf.fits")),
                ["pb"] = new FileInfo(Path.Combine(dir, "pb.fits")),
                ["seed"] = 1,
                ["samples"] = 300,
            });
        }

        Step("3. worktable 'fields' bound to find-sources.cwl, one row per field; recomputing (BaSC on each field):");
        var first = await Recompute(fields, cancellationToken).ConfigureAwait(false);
        TableOutput.Render(console, fields, ["field", "map", "seed", "samples", "catalogue", "map_png"]);
        if (first.Failed > 0)
        {
            console.MarkupLine("[red]BaSC failed on a field; see the errors and logs above.[/]");
            return Commands.ExitCodes.RowsFailed;
        }

        // summary.catalogue ← fields.catalogue, joined on the key: the library copies each Succeeded parent's
        // catalogue into the child row, and a changed catalogue makes exactly that summary row stale.
        var summary = project.CreateTable("summary", CwlWorkflow.Load(workflows["summarise-catalogue.cwl"]), new WorktableOptions { KeyColumns = ["field"] });
        // UCD1+ has no word for a sum (astropy's validator refuses "stat.sum"), so the total is a plain flux density.
        summary.SetColumnMetadata("n_sources", null, "meta.number;src");
        summary.SetColumnMetadata("total_flux", "Jy", "phot.flux.density");
        summary.SetColumnMetadata("max_flux", "Jy", "phot.flux.density;stat.max");
        var link = TableLink.Join("fields", "summary", on: new Dictionary<string, string> { ["field"] = "field" }, bind: new Dictionary<string, string> { ["catalogue"] = "catalogue" });
        project.Link(link);
        foreach (var row in fields.Rows())
        {
            // A join binds existing child rows (the link never invents them); the required catalogue input starts
            // from the parent's value, and from here on only the link changes it.
            summary.AddRow(new Dictionary<string, object?> { ["field"] = row["field"]?.DeepClone(), ["catalogue"] = row["catalogue"]?.DeepClone() });
        }

        Step("4. worktable 'summary' (summarise-catalogue.cwl), one row per field, linked: summary.catalogue ← fields.catalogue joined on field; recomputing:");
        await Recompute(summary, cancellationToken).ConfigureAwait(false);
        TableOutput.Render(console, summary);

        var edited = fields.FindByKey("B")!;
        fields.Edit(edited.RowId, "seed", 7);
        Step($"5. edited one input: fields row {edited.RowId} (field B) seed 1 → 7; recomputing:");
        var rerun = await Recompute(fields, cancellationToken).ConfigureAwait(false);
        console.MarkupLineInterpolated($"   'fields' rows rerun: [bold]{string.Join(' ', rerun.Rows.Select(r => r.RowId))}[/] (row ids; {rerun.Rows.Count} of {fields.Rows().Count()} rows, the other fields kept their results)");

        // The link carries field B's new catalogue into 'summary'; only rows whose catalogue content changed rerun.
        project.PropagateLinks();
        var rerunSummary = await Recompute(summary, cancellationToken).ConfigureAwait(false);
        console.MarkupLineInterpolated($"   'summary' rows rerun through the link: [bold]{(rerunSummary.Rows.Count == 0 ? "none (field B's new catalogue has the same content)" : string.Join(' ', rerunSummary.Rows.Select(r => r.RowId)))}[/] (row ids; {rerunSummary.Rows.Count} of {summary.Rows().Count()} rows)");
        TableOutput.Render(console, summary);

        var exports = Directory.CreateDirectory(Path.Combine(directory, "exports")).FullName;
        var written = Export(fields, summary, exports);
        Step("6. exports:");
        foreach (var path in written)
        {
            console.WriteLine("   " + path);
        }

        Step("7. where everything is:");
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("project (SQLite)", Markup.Escape(ProjectPath));
        grid.AddRow("outputs (by SHA-1)", Markup.Escape(project.OutputDirectory));
        grid.AddRow("run logs", Markup.Escape(ProjectPath + "-logs"));
        grid.AddRow("workflows", Markup.Escape(Path.Combine(directory, "workflows")));
        grid.AddRow("simulated fields", Markup.Escape(Path.Combine(directory, "fields")));
        grid.AddRow("exports", Markup.Escape(exports));
        foreach (var row in fields.Rows())
        {
            grid.AddRow($"catalogue {Markup.Escape(row["field"]!.GetValue<string>())} (FITS)", Markup.Escape((string?)row["catalogue_fits"]?["location"] ?? "-"));
        }

        console.Write(grid);
        console.MarkupLineInterpolated($"[green]demo finished in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s.[/] Explore: stoa table show fields -p {ProjectPath}");
        console.MarkupLineInterpolated($"Web app: stoa user add me -p {ProjectPath} (password on stdin); stoa table share fields me Owner -p {ProjectPath}; stoa serve --project {ProjectPath}");
        return Commands.ExitCodes.Success;
    }

    private void Step(string text) => console.MarkupLine($"[bold blue]{Markup.Escape(text)}[/]");

    private Task<Stoa.Worktables.Execution.RecomputeResult> Recompute(Worktable table, CancellationToken cancellationToken) =>
        TableRecompute.RunAsync(table, parallelism: 2, retryFailed: false, showProgress: true, cancellationToken);

    private static List<string> Export(Worktable fields, Worktable summary, string exports)
    {
        var written = new List<string>();
        var fieldKeys = fields.Rows().ToDictionary(r => r["field"]!.GetValue<string>(), r => WorktableProvenanceExport.RowKey(fields, r), StringComparer.Ordinal);
        foreach (var table in new[] { fields, summary })
        {
            var prov = Path.Combine(exports, $"{table.Name}.prov.json");
            using (var stream = File.Create(prov))
            {
                WorktableProvenanceExport.Write(table, ProvFormat.Json, stream, new WorktableProvenanceOptions
                {
                    User = Environment.UserName,
                    UpstreamRows = table == summary ? row => [new WorktableRowReference(fields.Name, fieldKeys[row["field"]!.GetValue<string>()])] : null,
                });
            }

            written.Add(prov);
            written.Add(Write(exports, $"{table.Name}.json", s => table.ExportJson(s, Stoa.Worktables.Export.JsonExportOptions.All)));
            written.Add(Write(exports, $"{table.Name}.fits", s => table.ExportFits(s)));
            written.Add(Write(exports, $"{table.Name}.vot", s => table.ExportVoTable(s)));
        }

        return written;
    }

    private static string Write(string directory, string name, Action<Stream> export)
    {
        var path = Path.Combine(directory, name);
        using (var stream = File.Create(path))
        {
            export(stream);
        }

        return path;
    }
}

using System.IO.Compression;
using System.Text.Json.Nodes;
using Stoa.Worktables.Bundles;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Bundles;

/// <summary>A STOA .wtx built from the format's description imports, runs with real processes, exports and imports again.</summary>
public sealed class WtxImportTests
{
    /// <summary>The parent table links.txt points at: obs_id and ra per observation.</summary>
    internal static void AddCatalog(WorktableProject project) => project.CreateTable("catalog", WorkflowDefinition.FromColumns(
        "catalog",
        [ColumnDefinition.Input("obs_id", ColumnType.String), ColumnDefinition.Input("ra", ColumnType.Double)],
        [],
        "catalog v1"));

    private static Worktable Import(ScratchProject s, StoaBundle? bundle = null, string name = "fluxes")
    {
        AddCatalog(s.Project);
        var path = (bundle ?? new StoaBundle()).Write(Path.Combine(s.Directory, "run.wtx"));
        return s.Project.ImportWtx(path, name, new WtxImportOptions { KeyColumns = ["obs_id"] });
    }

    [Fact]
    public void Columns_types_UCDs_and_units_come_from_the_workflow_and_the_header()
    {
        using var s = new ScratchProject();
        var t = Import(s);
        Assert.Equal(["obs_id", "ra", "dec", "threshold", "label", "flux", "report"], t.Columns.Select(c => c.Name));
        Assert.Equal(["string", "double", "double", "int?", "string?", "double", "File"], t.Columns.Select(c => c.Type.ToString()));
        Assert.Equal(["meta.id;meta.main", "pos.eq.ra;meta.main", "pos.eq.dec;meta.main", null, "meta.note", "phot.flux", null], t.Columns.Select(c => c.Ucd));
        Assert.Equal([null, "deg", "deg", null, null, "Jy", null], t.Columns.Select(c => c.Unit));
        Assert.Equal(ColumnRole.Output, t.Columns.Single(c => c.Name == "flux").Role);
        Assert.Equal(1L, (long)t.Template["threshold"]!);
    }

    [Fact]
    public void Values_nulls_and_statuses_are_imported()
    {
        using var s = new ScratchProject();
        var t = Import(s);
        var rows = t.Rows().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["obs-001", "obs-002", "obs-003", "obs-004"], rows.Select(r => (string)r["obs_id"]!));
        Assert.Equal([10.5, 20.0, 5.0, 1.5], rows.Select(r => (double)r["ra"]!));
        Assert.Equal([-3.25, 1.0, 5.0, 0.5], rows.Select(r => (double)r["dec"]!));
        Assert.Equal([2L, 1L, 4L, 1L], rows.Select(r => (long)r["threshold"]!));   // '-' takes the template default
        Assert.Equal(["deep field", null, null, "say \"hi\""], rows.Select(r => (string?)r["label"]));
        Assert.Equal([RowStatus.Succeeded, RowStatus.Pending, RowStatus.Pending, RowStatus.Succeeded], rows.Select(r => r.Status));
        Assert.Equal(14.5, (double)rows[0]["flux"]!);
        Assert.Null(rows[1]["flux"]);
        var report = (JsonObject)rows[0]["report"]!;
        Assert.StartsWith(s.Project.OutputDirectory, (string)report["location"]!);
        Assert.Equal("obs-001 14.5 deep field\n", File.ReadAllText((string)report["location"]!));
        Assert.Equal([rows[1].RowId, rows[2].RowId], t.RowsToRecompute());
        Assert.Equal(rows[3].RowId, t.FindByKey("obs-004")!.RowId);
    }

    [Fact]
    public void Workflow_tools_scripts_and_template_are_kept_byte_for_byte_and_scripts_stay_executable()
    {
        using var s = new ScratchProject();
        var bundle = new StoaBundle();
        var t = Import(s, bundle);
        var dir = Path.GetDirectoryName(t.Workflow.DocumentPath)!;
        Assert.StartsWith(s.Project.BundleDirectory, dir);
        foreach (var (name, bytes) in bundle.Entries)
        {
            Assert.Equal(StoaBundle.Sha256(bytes), StoaBundle.Sha256(File.ReadAllBytes(Path.Combine(dir, name))));
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(dir, "scripts/measure.sh")).HasFlag(UnixFileMode.UserExecute));
        }

        Assert.Equal(Path.Combine(dir, "workflow.cwl"), t.Workflow.DocumentPath);
        Assert.Equal(CwlWorkflow.Load(Path.Combine(dir, "workflow.cwl")).Hash, t.Workflow.Hash);
    }

    [Fact]
    public void Links_become_project_links_to_the_parent_table()
    {
        using var s = new ScratchProject();
        Import(s);
        var link = Assert.Single(s.Project.Links);
        Assert.Equal(LinkKind.Join, link.Kind);
        Assert.Equal(("catalog", "fluxes"), (link.Parent, link.Child));
        Assert.Equal(new Dictionary<string, string> { ["obs_id"] = "obs_id" }, link.On);
        Assert.Equal(new Dictionary<string, string> { ["ra"] = "ra" }, link.Bind);
    }

    [Fact]
    public void A_bundle_inside_one_top_level_folder_imports()
    {
        using var s = new ScratchProject();
        AddCatalog(s.Project);
        var path = new StoaBundle().Write(Path.Combine(s.Directory, "run.wtx"), folder: "run-42");
        var t = s.Project.ImportWtx(path, "fluxes");
        Assert.Equal(4, t.Rows().Count());
    }

    [Fact]
    public void Importing_as_a_user_makes_them_Owner()
    {
        using var s = new ScratchProject();
        AddCatalog(s.Project);
        s.Project.AddUser("ada");
        var path = new StoaBundle().Write(Path.Combine(s.Directory, "run.wtx"));
        var t = s.Project.ImportWtxAs("ada", path, "fluxes");
        Assert.Equal(Stoa.Worktables.Access.WorktableRole.Owner, t.Role);
        Assert.Equal(4, t.Rows().Count());
    }

    [Fact]
    public async Task Pending_rows_recompute_with_the_real_CwlRowExecutor_and_the_export_reimports_and_runs()
    {
        using var s = new ScratchProject();
        var t = Import(s);
        var result = await t.RecomputeAsync(new CwlRowExecutor(), new RecomputeOptions { MaxParallelism = 2 });
        Assert.Equal(2, result.Succeeded);
        Assert.Equal(0, result.Failed);
        var rows = t.Rows().ToList();
        Assert.All(rows, r => Assert.Equal(RowStatus.Succeeded, r.Status));
        Assert.Equal(21.0, (double)rows[1]["flux"]!);   // (20 + 1) * template threshold 1
        Assert.Equal(40.0, (double)rows[2]["flux"]!);   // (5 + 5) * 4
        Assert.Equal("obs-003 40 \n", File.ReadAllText((string)rows[2]["report"]!["location"]!));

        var wtx = Path.Combine(s.Directory, "export.wtx");
        t.ExportWtx(wtx);
        var again = s.Project.ImportWtx(wtx, "fluxes2", new WtxImportOptions { KeyColumns = ["obs_id"] });

        // Same columns with their metadata, same rows, same statuses, same outputs (files by content).
        Assert.Equal(t.Columns, again.Columns);
        Assert.Equal(t.Workflow.Hash, again.Workflow.Hash);
        var copies = again.Rows().ToList();
        Assert.Equal(rows.Count, copies.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Status, copies[i].Status);
            Assert.Equal(rows[i].InputHash, copies[i].InputHash);
            Assert.Equal(rows[i].OutputHash, copies[i].OutputHash);
        }

        Assert.Empty(again.RowsToRecompute());
        Assert.Equal([("catalog", "fluxes2")], s.Project.Links.Where(l => l.Child == "fluxes2").Select(l => (l.Parent, l.Child)));

        // The exported CWL runs: a changed row reruns from the re-imported bundle.
        again.Edit(copies[0].RowId, "threshold", 3);
        Assert.Equal(1, (await again.RecomputeAsync(new CwlRowExecutor())).Succeeded);
        Assert.Equal(21.75, (double)again.GetRow(copies[0].RowId)["flux"]!);   // (10.5 - 3.25) * 3
    }

    [Fact]
    public void The_export_holds_every_file_with_a_manifest_and_the_CWL_byte_for_byte()
    {
        using var s = new ScratchProject();
        var bundle = new StoaBundle();
        var t = Import(s, bundle);
        using var ms = new MemoryStream();
        t.ExportWtx(ms);
        ms.Position = 0;
        using var zip = new ZipArchive(ms, ZipArchiveMode.Read);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e => Read(e));
        foreach (var name in new[] { "workflow.cwl", "tools/measure.cwl", "tools/summarize.cwl", "scripts/measure.sh", "template.yml" })
        {
            Assert.Equal(StoaBundle.Sha256(bundle.Entries[name]), StoaBundle.Sha256(entries[name]));
        }

        Assert.Equal(0x1ED, (zip.GetEntry("scripts/measure.sh")!.ExternalAttributes >> 16) & 0x1FF);
        var manifest = System.Text.Encoding.UTF8.GetString(entries["manifest-sha256.txt"]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        Assert.Equal(entries.Keys.Where(k => k != "manifest-sha256.txt").Order(), manifest.Keys.Order());
        foreach (var (name, hash) in manifest)
        {
            Assert.Equal(hash, StoaBundle.Sha256(entries[name]));
        }

        var tracking = System.Text.Encoding.UTF8.GetString(entries["tracking.txt"]);
        Assert.Contains("1 COMPLETE\n2 PENDING\n3 PENDING\n4 COMPLETE\n", tracking);

        // Same table, same bytes.
        using var second = new MemoryStream();
        t.ExportWtx(second);
        Assert.Equal(ms.ToArray(), second.ToArray());
    }

    [Fact]
    public void A_table_bound_to_a_CWL_file_exports_its_referenced_tools_and_input_files()
    {
        using var s = new ScratchProject();
        var dir = Path.Combine(s.Directory, "wf");
        foreach (var (name, bytes) in new StoaBundle().Entries.Where(e => e.Key.EndsWith(".cwl", StringComparison.Ordinal) || e.Key.EndsWith(".sh", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }

        var t = s.Project.CreateTable("plain", CwlWorkflow.Load(Path.Combine(dir, "workflow.cwl")));
        t.AddRow(new Dictionary<string, object?> { ["obs_id"] = "x 1", ["ra"] = 1.0, ["dec"] = 2.0 });
        using var ms = new MemoryStream();
        t.ExportWtx(ms);
        ms.Position = 0;
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Read, leaveOpen: true))
        {
            Assert.Equal(
                ["links.txt", "manifest-sha256.txt", "scripts/measure.sh", "table.txt", "template.yml", "tools/measure.cwl", "tools/summarize.cwl", "tracking.txt", "workflow.cwl"],
                zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }

        var wtx = Path.Combine(s.Directory, "plain.wtx");
        File.WriteAllBytes(wtx, ms.ToArray());
        var back = s.Project.ImportWtx(wtx, "plain2");
        var row = Assert.Single(back.Rows());
        Assert.Equal("x 1", (string)row["obs_id"]!);
        Assert.Equal(RowStatus.Pending, row.Status);
    }

    private static byte[] Read(ZipArchiveEntry e)
    {
        using var s = e.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}

using System.IO.Compression;
using Stoa.Worktables.Access;
using Stoa.Worktables.Bundles;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Bundles;

/// <summary>Each malformed part of a .wtx gives a WtxFormatException naming entry, line and field, and leaves the project as it was.</summary>
public sealed class WtxBadInputTests
{
    private static WtxFormatException Refused(StoaBundle bundle, WtxImportOptions? options = null, string? folder = null)
    {
        using var s = new ScratchProject();
        WtxImportTests.AddCatalog(s.Project);
        var path = bundle.Write(Path.Combine(s.Directory, "run.wtx"), folder);
        var e = Assert.Throws<WtxFormatException>(() => s.Project.ImportWtx(path, "fluxes", options));
        AssertUnchanged(s);
        return e;
    }

    private static void AssertUnchanged(ScratchProject s)
    {
        Assert.Equal(["catalog"], s.Project.TableNames);
        Assert.Empty(s.Project.Links);
        Assert.True(!Directory.Exists(s.Project.BundleDirectory) || !Directory.EnumerateFileSystemEntries(s.Project.BundleDirectory).Any());
        Assert.Equal(["catalog"], s.Reopen().TableNames);
    }

    private static string TableWithRow4(string row4) => StoaBundle.Table.Replace("obs-004  1.5   0.5    -  \"say \\\"hi\\\"\"  2.0   outputs/obs-004/report.txt", row4, StringComparison.Ordinal);

    [Fact]
    public void A_value_of_the_wrong_type_names_line_and_column()
    {
        var e = Refused(new StoaBundle().With("table.txt", TableWithRow4("obs-004  abc  0.5  -  -  -  -")));
        Assert.Equal(("run.wtx", "table.txt", 8, "ra"), (e.Bundle, e.Entry, e.Line, e.Field));
        Assert.StartsWith("run.wtx!table.txt:8: column 'ra': 'abc': ", e.Message);
        Assert.Contains("double", e.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_its_line()
    {
        var e = Refused(new StoaBundle().With("table.txt", TableWithRow4("obs-004  1.5  0.5  -  \"a b\"  2.0")));
        Assert.Equal(("table.txt", 8), (e.Entry, e.Line));
        Assert.Contains("6 fields; the header names 7 columns", e.Message);
    }

    [Fact]
    public void A_required_input_left_empty_is_refused()
    {
        var e = Refused(new StoaBundle().With("table.txt", TableWithRow4("obs-004  -  0.5  -  -  -  -")));
        Assert.Equal(("table.txt", 8, "ra"), (e.Entry, e.Line, e.Field));
    }

    [Fact]
    public void A_header_type_that_does_not_match_the_workflow_is_refused()
    {
        var e = Refused(new StoaBundle().With("table.txt", StoaBundle.Table.Replace("# type: string             double", "# type: string             int   ", StringComparison.Ordinal)));
        Assert.Equal(("table.txt", 2, "ra"), (e.Entry, e.Line, e.Field));
        Assert.Contains("does not match the workflow's double", e.Message);
    }

    [Fact]
    public void A_column_the_workflow_does_not_have_is_refused()
    {
        var e = Refused(new StoaBundle().With("table.txt", StoaBundle.Table.Replace("# name: obs_id ", "# name: obs_nr ", StringComparison.Ordinal)));
        Assert.Equal(("table.txt", 1, "obs_nr"), (e.Entry, e.Line, e.Field));
    }

    [Fact]
    public void An_unknown_status_names_its_line()
    {
        var e = Refused(new StoaBundle().With("tracking.txt", "# row status\n1 COMPLETE\n2 PENDING\n3 RUNNING\n4 COMPLETE\n"));
        Assert.Equal(("tracking.txt", 4, "status"), (e.Entry, e.Line, e.Field));
        Assert.Contains("'RUNNING' is not a status", e.Message);
    }

    [Fact]
    public void Tracking_must_give_every_row_one_status()
    {
        var e = Refused(new StoaBundle().With("tracking.txt", "COMPLETE\nPENDING\nPENDING\n"));
        Assert.Equal("tracking.txt", e.Entry);
        Assert.Contains("no status is given for row 4", e.Message);
    }

    [Fact]
    public void A_missing_workflow_is_refused()
    {
        var e = Refused(new StoaBundle().Without("workflow.cwl"));
        Assert.Equal("workflow.cwl", e.Entry);
    }

    [Fact]
    public void A_workflow_that_does_not_load_is_refused()
    {
        var e = Refused(new StoaBundle().With("workflow.cwl", StoaBundle.Workflow.Replace("run: tools/measure.cwl", "run: tools/missing.cwl", StringComparison.Ordinal)));
        Assert.Equal("workflow.cwl", e.Entry);
        Assert.IsType<WorkflowException>(e.InnerException);
    }

    [Fact]
    public void A_missing_table_is_refused()
    {
        Assert.Equal("table.txt", Refused(new StoaBundle().Without("table.txt")).Entry);
    }

    [Theory]
    [InlineData("../evil.sh")]
    [InlineData("scripts/../../evil.sh")]
    [InlineData("/tmp/stoa-evil.sh")]
    [InlineData("C:/evil.sh")]
    public void Zip_slip_entries_are_refused_and_nothing_is_written_outside(string name)
    {
        using var s = new ScratchProject();
        WtxImportTests.AddCatalog(s.Project);
        var path = new StoaBundle().With(name, "#!/bin/sh\necho pwned\n").Write(Path.Combine(s.Directory, "run.wtx"));
        var e = Assert.Throws<WtxFormatException>(() => s.Project.ImportWtx(path, "fluxes"));
        Assert.Equal(name, e.Entry);
        Assert.Contains("unsafe entry name", e.Message);
        Assert.False(File.Exists(Path.Combine(s.Directory, "evil.sh")));
        Assert.False(File.Exists(Path.Combine(s.Project.BundleDirectory, "evil.sh")));
        Assert.False(File.Exists("/tmp/stoa-evil.sh"));
        AssertUnchanged(s);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        using var s = new ScratchProject();
        var path = s.WriteFile("run.wtx", "workflow.cwl table.txt");
        var e = Assert.Throws<WtxFormatException>(() => s.Project.ImportWtx(path, "fluxes"));
        Assert.Contains("not a zip archive", e.Message);
        Assert.Empty(s.Project.TableNames);
    }

    [Fact]
    public void A_manifest_mismatch_names_the_entry()
    {
        var bundle = new StoaBundle();
        var manifest = string.Join("\n", bundle.Entries.Select(e => $"{StoaBundle.Sha256(e.Value)}  {e.Key}")) + "\n";
        bundle.With("manifest-sha256.txt", manifest).With("scripts/measure.sh", "#!/bin/sh\necho 1\n");
        var e = Refused(bundle);
        Assert.Equal(("manifest-sha256.txt", "scripts/measure.sh"), (e.Entry, e.Field));
    }

    [Fact]
    public void A_link_to_a_table_not_in_the_project_is_refused_unless_skipped()
    {
        var bundle = new StoaBundle().With("links.txt", "obs_id  survey.obs_id  key\n");
        var e = Refused(bundle);
        Assert.Equal(("links.txt", 1), (e.Entry, e.Line));
        Assert.Contains("parent table 'survey' is not in the project", e.Message);

        using var s = new ScratchProject();
        var t = s.Project.ImportWtx(bundle.Write(Path.Combine(s.Directory, "run.wtx")), "fluxes", new WtxImportOptions { SkipUnresolvedLinks = true });
        Assert.Equal(4, t.Rows().Count());
        Assert.Empty(s.Project.Links);
    }

    [Fact]
    public void A_link_to_a_column_the_parent_lacks_is_refused()
    {
        var e = Refused(new StoaBundle().With("links.txt", "obs_id catalog.obs_id key\ndec catalog.dec\n"));
        Assert.Equal(("links.txt", 1), (e.Entry, e.Line));
        Assert.Contains("has no column 'dec'", e.Message);
    }

    [Fact]
    public void A_duplicate_key_names_the_second_row()
    {
        using var s = new ScratchProject();
        WtxImportTests.AddCatalog(s.Project);
        var path = new StoaBundle().With("table.txt", TableWithRow4("obs-001  1.5  0.5  -  -  -  -")).Write(Path.Combine(s.Directory, "run.wtx"));
        var e = Assert.Throws<WtxFormatException>(() => s.Project.ImportWtx(path, "fluxes", new WtxImportOptions { KeyColumns = ["obs_id"] }));
        Assert.Equal(("table.txt", 8), (e.Entry, e.Line));
        AssertUnchanged(s);
    }

    [Fact]
    public void A_bad_template_value_names_its_line()
    {
        var e = Refused(new StoaBundle().With("template.yml", "# defaults\nlabel: ok\nthreshold: many\n"));
        Assert.Equal(("template.yml", 3, "threshold"), (e.Entry, e.Line, e.Field));
    }

    [Fact]
    public void A_COMPLETE_row_whose_output_file_is_missing_imports_Pending()
    {
        using var s = new ScratchProject();
        WtxImportTests.AddCatalog(s.Project);
        var path = new StoaBundle().Without("outputs/obs-004/report.txt").Write(Path.Combine(s.Directory, "run.wtx"));
        var t = s.Project.ImportWtx(path, "fluxes");
        Assert.Equal([RowStatus.Succeeded, RowStatus.Pending, RowStatus.Pending, RowStatus.Pending], t.Rows().Select(r => r.Status));
    }

    [Fact]
    public void An_existing_table_name_is_refused_before_anything_is_extracted()
    {
        using var s = new ScratchProject();
        WtxImportTests.AddCatalog(s.Project);
        var path = new StoaBundle().Write(Path.Combine(s.Directory, "run.wtx"));
        Assert.Throws<WorktableException>(() => s.Project.ImportWtx(path, "catalog"));
        Assert.False(Directory.Exists(s.Project.BundleDirectory) && Directory.EnumerateFileSystemEntries(s.Project.BundleDirectory).Any());
    }

    [Fact]
    public void A_table_without_a_CWL_document_cannot_be_exported()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        Assert.Throws<WorkflowException>(() => t.ExportWtx(new MemoryStream()));
    }

    [Fact]
    public void A_Reader_may_export_and_a_stranger_may_not()
    {
        using var s = new ScratchProject();
        WtxImportTests.AddCatalog(s.Project);
        s.Project.AddUser("ada");
        s.Project.AddUser("bob");
        s.Project.AddUser("eve");
        var owned = s.Project.ImportWtxAs("ada", new StoaBundle().Write(Path.Combine(s.Directory, "run.wtx")), "fluxes");
        owned.Grant("bob", WorktableRole.Reader);
        s.Project.OpenTableAs("bob", "fluxes").ExportWtx(new MemoryStream());
        Assert.Throws<AccessDeniedException>(() => s.Project.OpenTableAs("eve", "fluxes").ExportWtx(new MemoryStream()));
    }
}

using System.Diagnostics;
using System.Globalization;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue #16 row 15: the job folders a recompute killed with SIGKILL leaves in <c>&lt;project&gt;-work</c> are removed
/// when the project is next opened, and only those: a folder whose run is still alive (its OS lock held by a live
/// process) is left alone.
/// </summary>
public sealed class AbandonedJobFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-sec-jobs-").FullName;

    private const int LeaseMs = 1000;

    private string ProjectPath => Path.Combine(_dir, "jobs.stoa");

    private string WorkDir => ProjectPath + "-work";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Job_Folders_Of_A_Killed_Recompute_Are_Removed_On_The_Next_Open()
    {
        MakeTable();
        using (var child = StartChild())
        {
            var folders = WaitForRunningFolders(child);
            Assert.True(folders.Count > 0);
            child.Kill(entireProcessTree: true);   // SIGKILL: no finally block of the child runs
            child.WaitForExit();
        }

        Assert.NotEmpty(Directory.EnumerateDirectories(WorkDir));   // what kill -9 left behind
        Thread.Sleep(2 * LeaseMs);   // the killed child's lease runs out; then its rows are the next open's to recover

        using var project = WorktableProject.Open(ProjectPath);

        Assert.Empty(Directory.EnumerateFileSystemEntries(WorkDir));
        Assert.All(project.OpenTable("t").Rows(), r => Assert.NotEqual(RowStatus.Running, r.Status));
    }

    [Fact]
    public void Job_Folders_Of_A_Live_Recompute_In_Another_Process_Are_Kept()
    {
        MakeTable();
        using var child = StartChild();
        try
        {
            var folders = WaitForRunningFolders(child);

            // Opening the project beside the live child runs the clean-up, and it keeps the live runs' folders
            // (and their rows, whose lease the child renews).
            using (var project = WorktableProject.Open(ProjectPath))
            {
                Assert.Equal(3, project.OpenTable("t").Rows().Count(r => r.Status == RowStatus.Running));
            }

            Assert.Equal(0, JobFolder.RemoveAbandoned(WorkDir));
            Assert.All(folders, f => Assert.True(Directory.Exists(f), f));
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }

    [Fact]
    public void A_Folder_Left_By_An_Older_Version_Without_A_Lock_File_Is_Removed()
    {
        MakeTable();
        var stray = Directory.CreateDirectory(Path.Combine(WorkDir, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(stray, "partial.fits"), "half written");

        using var project = WorktableProject.Open(ProjectPath);

        Assert.False(Directory.Exists(stray));
    }

    private void MakeTable()
    {
        using var p = WorktableProject.Open(ProjectPath);
        var t = p.CreateTable("t", WorkflowDefinition.FromColumns(
            "jobs",
            [ColumnDefinition.Input("x", ColumnType.Long)],
            [ColumnDefinition.Output("doubled", ColumnType.Long), ColumnDefinition.Output("out", ColumnType.File)],
            "jobs v1"));
        t.AddRows([.. Enumerable.Range(0, 6).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = (long)i })]);
    }

    /// <summary>The crash child, whose rows each sleep up to 10 minutes: its runs stay alive until it is killed.</summary>
    private Process StartChild()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Stoa.Worktables.CrashChild.dll"));
        psi.ArgumentList.Add(ProjectPath);
        psi.ArgumentList.Add("7");
        psi.ArgumentList.Add((600_000).ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(LeaseMs.ToString(CultureInfo.InvariantCulture));
        var child = Process.Start(psi)!;
        _ = child.StandardError.ReadToEndAsync();
        Assert.Equal("recompute", child.StandardOutput.ReadLine());
        _ = child.StandardOutput.ReadToEndAsync();
        return child;
    }

    /// <summary>Waits until the child has three runs going (its parallelism), each with its job folder.</summary>
    private List<string> WaitForRunningFolders(Process child)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(child.HasExited, "the child ended before its runs started");
            var folders = Directory.Exists(WorkDir) ? Directory.EnumerateDirectories(WorkDir).ToList() : [];
            if (folders.Count == 3)
            {
                return folders;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("the child's runs did not start within 2 minutes");
        return [];
    }
}

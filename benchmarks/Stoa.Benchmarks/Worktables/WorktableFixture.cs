using Microsoft.Data.Sqlite;
using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Benchmarks.Worktables;

/// <summary>Builds benchmark projects: a table of x:int, label:string → doubled:long with N rows.</summary>
internal static class WorktableFixture
{
    public static WorkflowDefinition Workflow { get; } = WorkflowDefinition.FromColumns("bench",
        [ColumnDefinition.Input("x", ColumnType.Int), ColumnDefinition.Input("label", ColumnType.String)],
        [ColumnDefinition.Output("doubled", ColumnType.Long)], "bench v1");

    public static string NewPath() => Path.Combine(Directory.CreateTempSubdirectory("stoa-wt-bench-").FullName, "bench.stoa");

    public static IEnumerable<IReadOnlyDictionary<string, object?>> Rows(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i, ["label"] = "obs-" + i });

    /// <summary>
    /// Marks every row of the project Succeeded as if each had run once. Running a million in-process rows just
    /// to reach that state would dominate the setup; the state reached is the same one a recompute leaves.
    /// </summary>
    public static void SeedAsComputed(string path, string outputsJson = "{\"doubled\":0}")
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE rows SET status = 3, outputs = $o, output_hash = input_hash, result_input_hash = input_hash, " +
                          "result_workflow_hash = (SELECT workflow_hash FROM worktables WHERE id = rows.table_id)";
        cmd.Parameters.AddWithValue("$o", outputsJson);
        cmd.ExecuteNonQuery();
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}

using System.Globalization;
using Stoa.Worktables;
using Stoa.Worktables.Execution;

// Usage: Stoa.Worktables.CrashChild <project> <seed>
// Opens the project (which recovers from the previous kill), then recomputes table "t": each row sleeps a
// seeded random time, writes an output file derived from its input and returns it. The parent test kills
// this process at a random moment and checks the project's invariants.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Stoa.Worktables.CrashChild <project> <seed>");
    return 2;
}

var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
using var project = WorktableProject.Open(args[0]);
var table = project.OpenTable("t");
var executor = new InProcessExecutor(async (e, ct) =>
{
    var x = (long)e.Inputs["x"]!;
    var rng = new Random(HashCode.Combine(seed, e.RowId, e.Attempt));
    await Task.Delay(rng.Next(0, 60), ct).ConfigureAwait(false);
    var path = Path.Combine(e.WorkingDirectory, "out.txt");
    await File.WriteAllTextAsync(path, "x=" + x.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
    return new Dictionary<string, object?> { ["doubled"] = 2 * x, ["out"] = new FileInfo(path) };
});
// Tells the parent the recompute starts now, so its kill can be timed from here whatever the machine load.
Console.WriteLine("recompute");
Console.Out.Flush();
var result = await table.RecomputeAsync(executor, new RecomputeOptions { MaxParallelism = 3 }).ConfigureAwait(false);
Console.WriteLine($"planned {result.Planned} succeeded {result.Succeeded} failed {result.Failed}");
return 0;

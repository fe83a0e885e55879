using System.Globalization;
using Stoa.Worktables;
using Stoa.Worktables.Execution;

// Usage: Stoa.Worktables.CrashChild <project> <seed> [<max-sleep-ms> [<lease-ms>]]
// Opens the project (which recovers the rows of expired leases), then recomputes table "t" with a lease of
// lease-ms (default 30 s): each row sleeps a seeded random time (below 60 ms, or below max-sleep-ms), writes an
// output file derived from its input and returns it. The parent test kills this process at a random moment — or
// runs two at once and kills one — and checks the project's invariants; a long max-sleep-ms keeps runs (and their
// job folders) alive until the parent kills the child.
if (args.Length is < 2 or > 4)
{
    Console.Error.WriteLine("usage: Stoa.Worktables.CrashChild <project> <seed> [<max-sleep-ms> [<lease-ms>]]");
    return 2;
}

var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
var maxSleep = args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
var lease = args.Length == 4 ? TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture)) : new RecomputeOptions().LeaseDuration;
using var project = WorktableProject.Open(args[0]);
var table = project.OpenTable("t");
var executor = new InProcessExecutor(async (e, ct) =>
{
    var x = (long)e.Inputs["x"]!;
    var rng = new Random(HashCode.Combine(seed, e.RowId, e.Attempt));
    await Task.Delay(rng.Next(0, maxSleep), ct).ConfigureAwait(false);
    var path = Path.Combine(e.WorkingDirectory, "out.txt");
    await File.WriteAllTextAsync(path, "x=" + x.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
    return new Dictionary<string, object?> { ["doubled"] = 2 * x, ["out"] = new FileInfo(path) };
});
// Tells the parent the recompute starts now, so its kill can be timed from here whatever the machine load.
Console.WriteLine("recompute");
Console.Out.Flush();
var result = await table.RecomputeAsync(executor, new RecomputeOptions { MaxParallelism = 3, LeaseDuration = lease }).ConfigureAwait(false);
Console.WriteLine($"planned {result.Planned} succeeded {result.Succeeded} failed {result.Failed}");
return 0;

using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, e.g. `dotnet run -c Release -- --filter '*Fits*'`.
// `fits-paired` serves benchmarks/fits/paired.py; `basc-recovery`, `basc-run` and `basc-budget` run the BaSC recovery study and whole-run timing (plain console runs, not BenchmarkDotNet).
if (args is ["basc-recovery", ..])
{
    return Stoa.Benchmarks.Basc.RecoveryStudy.Run(args[1..]);
}

if (args is ["basc-budget", ..])
{
    return Stoa.Benchmarks.Basc.BudgetRun.Run(args[1..]);
}

if (args is ["fits-paired"])
{
    return Stoa.Benchmarks.Fits.PairedServer.Run();
}

if (args is ["worktables-profile", ..])
{
    return Stoa.Benchmarks.Worktables.BulkPhaseProfile.Run(args[1..]);
}

if (args is ["basc-run", ..])
{
    return Stoa.Benchmarks.Basc.WholeRun.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

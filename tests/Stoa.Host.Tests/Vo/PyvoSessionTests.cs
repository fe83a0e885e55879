using System.Diagnostics;

namespace Stoa.Host.Tests.Vo;

/// <summary>
/// Debian's pyvo (with astropy, under /usr/bin/python3) against the real <c>stoa serve</c>, without logging in: TAP
/// sync and async (cone, distance, range with TOP/ORDER BY, BINARY2, a join, IN (SELECT …), aggregates, overflow), TAP_SCHEMA, VOSI,
/// a syntax error, and Simple Cone Search; every answer compared with astropy's own computation on the export.
/// </summary>
[Collection(VoServeCollection.Name)]
public sealed class PyvoSessionTests(VoServeFixture vo)
{
    private static readonly string[] Checks =
    [
        "tap-sync-cone", "tap-sync-distance", "tap-sync-range-top-order", "tap-sync-binary2", "tap-sync-join", "tap-sync-in-subquery",
        "tap-sync-aggregates", "tap-async-cone", "tap-sync-overflow", "tap-schema-columns", "vosi-tables", "vosi-capabilities",
        "vosi-availability", "tap-syntax-error", "scs-cone",
    ];

    [Fact]
    public async Task Pyvo_Answers_Agree_With_Astropy_On_The_Export()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Vo", "Scripts", "pyvo_session.py"));
        start.ArgumentList.Add(vo.BaseUrl);
        start.ArgumentList.Add(vo.StarsExport);
        start.ArgumentList.Add(vo.IdsExport);
        using var python = Process.Start(start)!;
        var stderr = python.StandardError.ReadToEndAsync();
        var stdout = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, $"pyvo session failed after:\n{stdout}\n{await stderr}");
        Assert.Equal(Checks, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Stoa.Samp.Tests;

/// <summary><c>coord.pointAt.sky</c> through the real hub to a real astropy receiver the test starts.</summary>
public sealed class PointAtSkyTests
{
    [Fact]
    public async Task PointAtSky_Reaches_The_Named_Receiver_With_Its_Coordinates()
    {
        var name = "point-" + Guid.NewGuid().ToString("N")[..8];
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "point_receiver.py"), name])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        start.Environment["SAMP_HUB"] = Environment.GetEnvironmentVariable("SAMP_HUB") ?? "std-lockurl:file:///tmp/stoa-samp/samp.lock";
        using var receiver = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal("ready", await receiver.StandardOutput.ReadLineAsync(timeout.Token));
            await using var client = await SampClient.ConnectAsync(SampHub.Locate(), cancellationToken: timeout.Token);

            var notified = await client.PointAtSkyAsync(83.633083, -5.391111, name, timeout.Token);

            Assert.Single(notified);
            var line = await receiver.StandardOutput.ReadLineAsync(timeout.Token);
            var parameters = JsonNode.Parse(line!)!;
            Assert.Equal(83.633083, double.Parse((string)parameters["ra"]!, CultureInfo.InvariantCulture));
            Assert.Equal(-5.391111, double.Parse((string)parameters["dec"]!, CultureInfo.InvariantCulture));
        }
        finally
        {
            receiver.StandardInput.Close();
            if (!receiver.WaitForExit(10_000))
            {
                receiver.Kill();
            }
        }
    }

    [Fact]
    public async Task PointAtSky_To_A_Client_Not_Subscribed_Is_A_Clear_Error()
    {
        await using var client = await SampClient.ConnectAsync(SampHub.Locate());
        // The recording receiver takes tables only.
        var e = await Assert.ThrowsAsync<SampException>(() => client.PointAtSkyAsync(10, 20, "test-receiver"));
        Assert.Contains("coord.pointAt.sky", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(361, 0)]
    [InlineData(0, 91)]
    [InlineData(double.NaN, 0)]
    public async Task PointAtSky_Out_Of_Range_Is_Refused_Before_Sending(double ra, double dec)
    {
        await using var client = await SampClient.ConnectAsync(SampHub.Locate());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.PointAtSkyAsync(ra, dec));
    }
}

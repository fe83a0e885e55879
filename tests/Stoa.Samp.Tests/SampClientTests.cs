using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
namespace Stoa.Samp.Tests;

/// <summary>
/// Talks to a real SAMP hub and a real recording receiver (astropy), started by
/// eng/services/samp/up.sh from test.sh. Without them these tests fail: they never pass vacuously.
/// </summary>
public sealed class SampClientTests : IDisposable
{
    private static readonly string StateDir = Environment.GetEnvironmentVariable("STOA_SAMP_DIR") ?? "/tmp/stoa-samp";
    private readonly string work = Directory.CreateTempSubdirectory("stoa-samp-test-").FullName;

    private static SampHub RealHub()
    {
        var variable = Environment.GetEnvironmentVariable("SAMP_HUB") ?? $"std-lockurl:file://{StateDir}/samp.lock";
        return SampHub.Locate(variable, Path.GetTempPath());
    }

    [Fact]
    public async Task SendTable_ToRealReceiver_DeliversTheExactFile()
    {
        var table = Path.Combine(work, $"cone-{Guid.NewGuid():N}.vot");
        await File.WriteAllTextAsync(table, """
            <?xml version="1.0" encoding="UTF-8"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
             <RESOURCE><TABLE name="t">
              <FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/>
              <DATA><TABLEDATA><TR><TD>10.5</TD></TR></TABLEDATA></DATA>
             </TABLE></RESOURCE>
            </VOTABLE>
            """);
        await using var client = await SampClient.ConnectAsync(RealHub());

        var deliveries = await client.SendTableAsync(table, SampTableFormat.VoTable, "test-receiver", TimeSpan.FromSeconds(20), CancellationToken.None);

        var delivery = Assert.Single(deliveries);
        Assert.Equal("samp.ok", delivery.Status);
        var record = FindReceived(Path.GetFileName(table));
        Assert.Equal("table.load.votable", record.GetProperty("mtype").GetString());
        Assert.Equal("stoa", record.GetProperty("sender_name").GetString());
        var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(table)));
        Assert.Equal(expected, record.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task SendTable_MissingFile_ReportsTheReceiversError()
    {
        await using var client = await SampClient.ConnectAsync(RealHub());

        var deliveries = await client.SendTableAsync(Path.Combine(work, "absent.fits"), SampTableFormat.Fits, "test-receiver", TimeSpan.FromSeconds(20), CancellationToken.None);

        var delivery = Assert.Single(deliveries);
        Assert.Equal("samp.error", delivery.Status);
        Assert.False(string.IsNullOrEmpty(delivery.ErrorText));
    }

    [Fact]
    public async Task SendTable_UnknownTarget_IsAClearError()
    {
        await using var client = await SampClient.ConnectAsync(RealHub());

        var e = await Assert.ThrowsAsync<SampException>(() => client.SendTableAsync(
            Path.Combine(work, "t.vot"), SampTableFormat.VoTable, "no-such-client", TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("no-such-client", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NoLockfile_SaysNoHubIsRunning()
    {
        var e = Assert.Throws<SampException>(() => SampHub.Locate(null, work));
        Assert.Contains("No SAMP hub is running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ParsesCommentsAndKeys()
    {
        File.WriteAllText(Path.Combine(work, ".samp"), "# a comment\nsamp.secret=abc\n\nsamp.hub.xmlrpc.url=http://127.0.0.1:1234/xmlrpc\nsamp.profile.version=1.3\n");
        var hub = SampHub.Locate(null, work);
        Assert.Equal("abc", hub.Secret);
        Assert.Equal(new Uri("http://127.0.0.1:1234/xmlrpc"), hub.XmlRpcUrl);
    }

    [Fact]
    public async Task Connect_StaleLockfile_SaysTheHubDoesNotAnswer()
    {
        // A port that was just free: nothing listens there, as after a hub crashed without removing its lockfile.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        File.WriteAllText(Path.Combine(work, ".samp"), $"samp.secret=abc\nsamp.hub.xmlrpc.url=http://127.0.0.1:{port}/\n");

        var e = await Assert.ThrowsAsync<SampException>(() => SampClient.ConnectAsync(SampHub.Locate(null, work)));
        Assert.Contains("does not answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NonStandardVariable_IsRejected()
    {
        var e = Assert.Throws<SampException>(() => SampHub.Locate("http://somewhere", work));
        Assert.Contains("std-lockurl", e.Message, StringComparison.Ordinal);
    }

    private static JsonElement FindReceived(string name)
    {
        // The receiver appends its line after saving the table; callAndWait returned, so it is there.
        foreach (var line in File.ReadLines(Path.Combine(StateDir, "received.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("params").TryGetProperty("name", out var n) && n.GetString() == name)
            {
                return doc.RootElement.Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"The receiver recorded no table named {name}.");
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}

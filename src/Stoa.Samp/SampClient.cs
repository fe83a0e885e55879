using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Stoa.Samp.XmlRpc;

namespace Stoa.Samp;

/// <summary>
/// A sending-only SAMP client over XML-RPC (Standard Profile): registers with the hub, declares its name, sends tables
/// and sky positions to subscribed clients such as TOPCAT, and unregisters when disposed. It needs no server of its
/// own because it only uses <c>notify</c>, <c>notifyAll</c> and <c>callAndWait</c>.
/// </summary>
public sealed class SampClient : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly Uri hubUrl;
    private readonly string privateKey;
    private bool unregistered;

    private SampClient(HttpClient http, bool ownsHttp, Uri hubUrl, string privateKey, string selfId)
    {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.hubUrl = hubUrl;
        this.privateKey = privateKey;
        SelfId = selfId;
    }

    /// <summary>The id the hub gave this client.</summary>
    public string SelfId { get; }

    /// <summary>Registers with <paramref name="hub"/> and declares the client's name and description.</summary>
    /// <param name="hub">The hub, e.g. <see cref="SampHub.Locate()"/>.</param>
    /// <param name="options">Name, description and HTTP client; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The registered client; dispose of it to unregister.</returns>
    /// <exception cref="SampException">The hub does not answer (a stale lockfile) or refuses the secret.</exception>
    public static async Task<SampClient> ConnectAsync(SampHub hub, SampClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hub);
        options ??= new SampClientOptions();
        var http = options.Http ?? new HttpClient();
        try
        {
            var reply = await CallAsync(http, hub.XmlRpcUrl, "samp.hub.register", [hub.Secret], cancellationToken).ConfigureAwait(false);
            var map = AsMap(reply, "register");
            var client = new SampClient(http, options.Http is null, hub.XmlRpcUrl, Text(map, "samp.private-key"), Text(map, "samp.self-id"));
            await client.InvokeAsync("samp.hub.declareMetadata", new Dictionary<string, object>
            {
                ["samp.name"] = options.Name,
                ["samp.description.text"] = options.Description,
            }, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch when (options.Http is null)
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Points the receivers at a sky position (<c>coord.pointAt.sky</c>, ICRS), as a notification: receivers such as
    /// Aladin or TOPCAT pan there. Fire and forget: a receiver's answer is not awaited.
    /// </summary>
    /// <param name="raDegrees">Right ascension in degrees, 0 to 360.</param>
    /// <param name="decDegrees">Declination in degrees, -90 to 90.</param>
    /// <param name="targetName">The <c>samp.name</c> of the one receiver to notify, or null for every subscribed client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the clients notified.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is out of range or not finite.</exception>
    /// <exception cref="SampException">With a <paramref name="targetName"/>: no such client is subscribed.</exception>
    public async Task<IReadOnlyList<string>> PointAtSkyAsync(double raDegrees, double decDegrees, string? targetName = null, CancellationToken cancellationToken = default)
    {
        if (!(raDegrees is >= 0 and <= 360))
        {
            throw new ArgumentOutOfRangeException(nameof(raDegrees), raDegrees, "RA must be 0 to 360 degrees.");
        }

        if (!(decDegrees is >= -90 and <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(decDegrees), decDegrees, "Dec must be -90 to 90 degrees.");
        }

        const string mtype = "coord.pointAt.sky";
        var message = Message(mtype, new Dictionary<string, object>
        {
            ["ra"] = raDegrees.ToString("R", CultureInfo.InvariantCulture),
            ["dec"] = decDegrees.ToString("R", CultureInfo.InvariantCulture),
        });
        if (targetName is null)
        {
            var recipients = await InvokeAsync("samp.hub.notifyAll", message, cancellationToken).ConfigureAwait(false);
            return recipients is List<object> ids ? [.. ids.OfType<string>()] : [];
        }

        var targets = await TargetsAsync(mtype, targetName, cancellationToken).ConfigureAwait(false);
        foreach (var (id, _) in targets)
        {
            await InvokeAsync("samp.hub.notify", [id, message], cancellationToken).ConfigureAwait(false);
        }

        return [.. targets.Select(t => t.Id)];
    }

    /// <summary>
    /// Sends a table file as <c>table.load.votable</c> or <c>table.load.fits</c> with a <c>file:</c> URL (so the
    /// receiver must share this file system). Each receiver is called synchronously (<c>callAndWait</c>), so its
    /// success or error comes back. With a <paramref name="targetName"/> (e.g. <c>topcat</c>) only that client is
    /// called; without one every subscribed client is called in turn.
    /// </summary>
    /// <param name="path">The table file.</param>
    /// <param name="format">How the receivers should read it.</param>
    /// <param name="targetName">The receiver's <c>samp.name</c> (any case), or null for every subscribed client.</param>
    /// <param name="timeout">How long to wait for each receiver's answer; rounded up to whole seconds, at least 1 s.</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <returns>What each receiver answered, in client-id order.</returns>
    /// <exception cref="SampException">No client takes the message, the named one is not there, or the hub fails.</exception>
    public async Task<IReadOnlyList<SampDelivery>> SendTableAsync(
        string path, SampTableFormat format, string? targetName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var mtype = format == SampTableFormat.VoTable ? "table.load.votable" : "table.load.fits";
        var message = Message(mtype, new Dictionary<string, object>
        {
            ["url"] = new Uri(full).AbsoluteUri,
            ["table-id"] = "stoa:" + Path.GetFileNameWithoutExtension(full),
            ["name"] = Path.GetFileName(full),
        });
        var targets = await TargetsAsync(mtype, targetName, cancellationToken).ConfigureAwait(false);
        var deliveries = new List<SampDelivery>(targets.Count);
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        foreach (var (id, name) in targets)
        {
            var response = AsMap(await InvokeAsync("samp.hub.callAndWait", [id, message, seconds], cancellationToken).ConfigureAwait(false), "callAndWait");
            var status = response.TryGetValue("samp.status", out var st) && st is string sts ? sts : "samp.error";
            string? error = null;
            if (response.TryGetValue("samp.error", out var err) && err is IReadOnlyDictionary<string, object> errMap
                && errMap.TryGetValue("samp.errortxt", out var txt))
            {
                error = txt as string;
            }

            deliveries.Add(new SampDelivery(id, name, status, error));
        }

        return deliveries;
    }

    private static Dictionary<string, object> Message(string mtype, Dictionary<string, object> parameters) => new()
    {
        ["samp.mtype"] = mtype,
        ["samp.params"] = parameters,
    };

    /// <summary>The subscribed clients (not this one) with their names; only the named one when a name is given.</summary>
    private async Task<List<(string Id, string Name)>> TargetsAsync(string mtype, string? targetName, CancellationToken cancellationToken)
    {
        var subscribed = AsMap(await InvokeAsync("samp.hub.getSubscribedClients", mtype, cancellationToken).ConfigureAwait(false), "getSubscribedClients");
        var targets = new List<(string Id, string Name)>();
        foreach (var id in subscribed.Keys.Where(id => id != SelfId).Order(StringComparer.Ordinal))
        {
            var metadata = AsMap(await InvokeAsync("samp.hub.getMetadata", id, cancellationToken).ConfigureAwait(false), "getMetadata");
            var name = metadata.TryGetValue("samp.name", out var n) && n is string s ? s : id;
            if (targetName is null || string.Equals(name, targetName, StringComparison.OrdinalIgnoreCase))
            {
                targets.Add((id, name));
            }
        }

        if (targets.Count == 0)
        {
            throw new SampException(targetName is null
                ? $"No SAMP client is subscribed to {mtype}. Start TOPCAT and connect it to the hub."
                : $"No SAMP client named '{targetName}' is subscribed to {mtype}.");
        }

        return targets;
    }

    /// <summary>Unregisters from the hub (errors are ignored: the hub may already be gone) and releases the HTTP client it made.</summary>
    public async ValueTask DisposeAsync()
    {
        if (unregistered)
        {
            return;
        }

        unregistered = true;
        try
        {
            await InvokeAsync("samp.hub.unregister", [], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SampException or HttpRequestException or TaskCanceledException)
        {
            // Leaving is best effort: a hub that went away has forgotten us anyway.
        }
        finally
        {
            if (ownsHttp)
            {
                http.Dispose();
            }
        }
    }

    private Task<object> InvokeAsync(string method, object argument, CancellationToken cancellationToken)
        => InvokeAsync(method, [argument], cancellationToken);

    private Task<object> InvokeAsync(string method, object[] arguments, CancellationToken cancellationToken)
        => CallAsync(http, hubUrl, method, [privateKey, .. arguments], cancellationToken);

    private static async Task<object> CallAsync(HttpClient http, Uri url, string method, object[] arguments, CancellationToken cancellationToken)
    {
        var request = new XDocument(new XElement("methodCall",
            new XElement("methodName", method),
            new XElement("params", arguments.Select(a => new XElement("param", XmlRpcValue.ToXml(a))))));
        var payload = request.Declaration + request.ToString(SaveOptions.DisableFormatting);
        HttpResponseMessage response;
        for (var attempt = 1; ; attempt++)
        {
            // One connection per call: hubs built on simple HTTP servers (astropy's, JSAMP's) may close a kept-alive
            // connection just as the next request is sent on it.
            using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "text/xml") };
            message.Headers.ConnectionClose = true;
            try
            {
                response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (HttpRequestException e) when (attempt < 3 && e.InnerException is IOException)
            {
                // Seen with astropy's hub under load: the connection is accepted, then closed before any byte of a
                // response, so the call was not carried out. Ask again shortly.
                await Task.Delay(100 * attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new SampException($"The SAMP hub at {url} does not answer ({e.Message}); its lockfile may be stale.", e);
            }
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new SampException($"The SAMP hub answered {method} with HTTP {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            XElement root;
            try
            {
                root = XDocument.Parse(body).Root ?? throw new SampException($"Empty XML-RPC answer to {method}.");
            }
            catch (XmlException e)
            {
                throw new SampException($"The SAMP hub's answer to {method} is not XML-RPC: {e.Message}", e);
            }

            if (root.Element("fault")?.Element("value") is { } fault)
            {
                var details = AsMap(XmlRpcValue.FromXml(fault), method);
                throw new SampException($"The SAMP hub refused {method}: {(details.TryGetValue("faultString", out var f) ? f : "fault")}");
            }

            var value = root.Element("params")?.Element("param")?.Element("value")
                ?? throw new SampException($"The SAMP hub's answer to {method} has no value.");
            return XmlRpcValue.FromXml(value);
        }
    }

    private static IReadOnlyDictionary<string, object> AsMap(object value, string method)
        => value as IReadOnlyDictionary<string, object> ?? (value is string { Length: 0 }
            ? new Dictionary<string, object>()
            : throw new SampException($"The SAMP hub's answer to {method} is not a map."));

    private static string Text(IReadOnlyDictionary<string, object> map, string key)
        => map.TryGetValue(key, out var v) && v is string s ? s : throw new SampException($"The SAMP hub's answer has no {key}.");
}

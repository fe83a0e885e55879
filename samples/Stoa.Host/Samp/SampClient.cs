using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Stoa.Host.Samp;

/// <summary>How a table reaches the receivers.</summary>
internal enum SampTableFormat
{
    /// <summary><c>table.load.votable</c>.</summary>
    VoTable,

    /// <summary><c>table.load.fits</c>.</summary>
    Fits,
}

/// <summary>What one receiver answered to a table sent with <see cref="SampClient.SendTableAsync"/>.</summary>
internal sealed record SampDelivery(string ClientId, string ClientName, string Status, string? ErrorText);

/// <summary>
/// A sending-only SAMP client over XML-RPC (Standard Profile): registers with the hub, declares itself as
/// "stoa", and sends tables to subscribed clients such as TOPCAT. It needs no server of its own because it
/// only uses <c>notify</c> and <c>callAndWait</c>.
/// </summary>
internal sealed class SampClient : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly Uri hubUrl;
    private readonly string privateKey;
    private bool unregistered;

    private SampClient(HttpClient http, Uri hubUrl, string privateKey, string selfId)
    {
        this.http = http;
        this.hubUrl = hubUrl;
        this.privateKey = privateKey;
        SelfId = selfId;
    }

    /// <summary>The id the hub gave this client.</summary>
    public string SelfId { get; }

    /// <summary>Registers with the hub the endpoint describes and declares the client's metadata.</summary>
    public static async Task<SampClient> ConnectAsync(SampHubEndpoint hub, HttpClient http, CancellationToken cancellationToken)
    {
        var reply = await CallAsync(http, hub.XmlRpcUrl, "samp.hub.register", [hub.Secret], cancellationToken).ConfigureAwait(false);
        var map = AsMap(reply, "register");
        var client = new SampClient(http, hub.XmlRpcUrl, Text(map, "samp.private-key"), Text(map, "samp.self-id"));
        await client.InvokeAsync("samp.hub.declareMetadata", new Dictionary<string, object>
        {
            ["samp.name"] = "stoa",
            ["samp.description.text"] = "Stoa worktables (reproducible batch processing for astronomy)",
        }, cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>
    /// Sends a table file. With a <paramref name="targetName"/> (e.g. "topcat") the named client must be
    /// subscribed and is called synchronously, so its success or error comes back; without one every
    /// subscribed client is called in turn.
    /// </summary>
    /// <exception cref="SampException">No client takes the message, or the named one is not there.</exception>
    public async Task<IReadOnlyList<SampDelivery>> SendTableAsync(
        string path, SampTableFormat format, string? targetName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var mtype = format == SampTableFormat.VoTable ? "table.load.votable" : "table.load.fits";
        var message = new Dictionary<string, object>
        {
            ["samp.mtype"] = mtype,
            ["samp.params"] = new Dictionary<string, object>
            {
                ["url"] = new Uri(full).AbsoluteUri,
                ["table-id"] = "stoa:" + Path.GetFileNameWithoutExtension(full),
                ["name"] = Path.GetFileName(full),
            },
        };

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

    /// <summary>Unregisters from the hub; errors are ignored because the hub may already be gone.</summary>
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

using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// One browser's worth of real HTTP against <c>stoa serve</c>: a cookie jar, the anti-forgery token read from the
/// pages as a browser script reads it, no automatic redirects (the tests look at each answer), and a chosen loopback
/// source address, so that tests can be different clients to the server's per-client limits.
/// </summary>
internal sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http;

    public WebSession(string baseUrl, string client)
    {
        var source = IPAddress.Parse(client);
        var handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
    }

    /// <summary>The cookies this client holds.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>The server's address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>GETs <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>GETs <paramref name="path"/> as a stream read as it comes (an event stream).</summary>
    public Task<Stream> GetStreamAsync(string path) => _http.GetStreamAsync(path);

    /// <summary>GETs <paramref name="path"/> and answers its text, failing on anything but 200.</summary>
    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>The login form's round trip: GET /login for the token and the anti-forgery cookie, then POST the credentials.</summary>
    public async Task<HttpResponseMessage> LogInAsync(string user, string password) =>
        await PostLoginAsync(user, password, Token(await GetTextAsync("/login")));

    /// <summary>POSTs the login form with a <paramref name="token"/> already read from <c>/login</c>.</summary>
    public Task<HttpResponseMessage> PostLoginAsync(string user, string password, string token) =>
        _http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = user,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));

    /// <summary>POSTs <paramref name="fields"/> url-encoded to <paramref name="path"/> with a token read from <paramref name="page"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string page = "/")
    {
        var token = Token(await GetTextAsync(page));
        return await _http.PostAsync(path, new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", token))));
    }

    /// <summary>POSTs a multipart form to <paramref name="path"/>: text <paramref name="fields"/> and one file part per <paramref name="files"/> entry (field, file name, bytes).</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Field, string FileName, byte[] Bytes)> files, string page = "/")
    {
        var token = Token(await GetTextAsync(page));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), field, fileName);
        }

        return await _http.PostAsync(path, content);
    }

    /// <summary>The anti-forgery token of a page (the <c>csrf</c> meta tag, or the login form's hidden field).</summary>
    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "no anti-forgery token in the page");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""(?:name="csrf" content|name="__RequestVerificationToken" value)="(?<token>[^"]+)""")]
    private static partial Regex TokenPattern();
}

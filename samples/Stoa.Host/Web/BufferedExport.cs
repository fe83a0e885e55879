using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Stoa.Host.Web;

/// <summary>
/// A response written by one of Stoa.Worktables' exports, which write synchronously to a stream. The export runs to
/// its end into a buffer (memory, then a temporary file) before the response starts, so that a refusal or a cell the
/// format cannot carry still becomes a status code with a message; the buffer is then copied to the response
/// asynchronously, because Kestrel refuses synchronous writes.
/// </summary>
internal sealed class BufferedExport : IResult
{
    private readonly FileBufferingWriteStream _buffer;
    private readonly string _contentType;
    private readonly string? _downloadName;

    private BufferedExport(FileBufferingWriteStream buffer, string contentType, string? downloadName)
    {
        _buffer = buffer;
        _contentType = contentType;
        _downloadName = downloadName;
    }

    /// <summary>Runs <paramref name="export"/> into a buffer that lives (and is deleted) with the request.</summary>
    /// <param name="context">The request; it owns the buffer.</param>
    /// <param name="export">Writes the whole document; its exceptions propagate before any byte is sent.</param>
    /// <param name="contentType">The response's content type.</param>
    /// <param name="downloadName">The file name offered by <c>Content-Disposition: attachment</c>; none for a document shown inline.</param>
    public static BufferedExport Write(HttpContext context, Action<Stream> export, string contentType, string? downloadName)
    {
        // Registered first, so the buffer's temporary file goes away even when the export throws half-way.
        var buffer = new FileBufferingWriteStream();
        context.Response.RegisterForDisposeAsync(buffer);
        export(buffer);
        return new BufferedExport(buffer, contentType, downloadName);
    }

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = _contentType;
        response.ContentLength = _buffer.Length;
        if (_downloadName is not null)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(_downloadName);
            response.Headers.ContentDisposition = disposition.ToString();
        }

        await _buffer.DrainBufferAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}

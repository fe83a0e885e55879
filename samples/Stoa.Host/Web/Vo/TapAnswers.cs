using Microsoft.AspNetCore.Http;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Vo;
using Stoa.Worktables.Vo.Tap;

namespace Stoa.Host.Web.Vo;

/// <summary>A TAP query run into a buffer: the result document, or the DALI error document and why.</summary>
internal static class TapAnswers
{
    private const string VoTableType = "application/x-votable+xml";

    /// <summary>
    /// Runs the query of <paramref name="parameters"/>; a refused query, or one stopped at <paramref name="timeLimit"/>,
    /// gives the error document and its message. <paramref name="cancellation"/> stops the query where it is.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static (byte[] Body, string ContentType, string? Error) Run(VoService vo, TapParameters parameters, TimeSpan? timeLimit, CancellationToken cancellation)
    {
        var (query, options, error) = parameters.QueryRequest();
        if (error is not null)
        {
            return (ErrorDocument(error), VoTableType, error);
        }

        using var buffer = new MemoryStream();
        try
        {
            cancellation.ThrowIfCancellationRequested();
            vo.Query(query!, buffer, options! with { TimeLimit = timeLimit }, cancellation);
            return (buffer.ToArray(), TapParameters.ContentType(options!.Format), null);
        }
        catch (Exception e) when (e is WorktableException or ArgumentOutOfRangeException)
        {
            // Stoa.Worktables' AdqlException names line and column; all of these leave nothing half-written.
            return (ErrorDocument(e.Message), VoTableType, e.Message);
        }
    }

    public static byte[] ErrorDocument(string message)
    {
        using var buffer = new MemoryStream();
        VoService.WriteError(buffer, message);
        return buffer.ToArray();
    }

    public static IResult Sync(VoService vo, TapParameters parameters, TimeSpan timeLimit, CancellationToken cancellation)
    {
        // A client that hangs up stops its query too (OperationCanceledException, which ASP.NET Core lets go quietly).
        var (body, type, error) = Run(vo, parameters, timeLimit, cancellation);
        // DALI: an error document with a status that says the request was at fault.
        return error is null ? Results.Bytes(body, type) : new ErrorAnswer(body, type);
    }

    private sealed class ErrorAnswer(byte[] body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}

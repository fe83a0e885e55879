using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stoa.Worktables;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Vo;

namespace Stoa.Host.Web.Vo;

/// <summary>
/// The Virtual Observatory endpoints, anonymous and read-only, over the published tables only (Stoa.Worktables'
/// <see cref="VoService"/>): TAP 1.1 at <c>/tap</c> (<c>sync</c>, UWS 1.1 <c>async</c>, VOSI <c>tables</c>,
/// <c>capabilities</c>, <c>availability</c>, and the VOResource record at <c>resource</c>), and Simple Cone Search 1.03
/// at <c>/scs/{table}</c>. No cookie is read and no anti-forgery token asked: nothing here changes a worktable.
/// </summary>
internal static class VoEndpoints
{
    private const string Xml = "text/xml; charset=utf-8";

    /// <summary>The default time limit of a sync query (<c>serve --tap-timeout</c>): 60 s. Async jobs have none; they can be aborted.</summary>
    public static readonly TimeSpan DefaultSyncTimeLimit = TimeSpan.FromSeconds(60);

    public static void Map(WebApplication app, TimeSpan syncTimeLimit)
    {
        var vo = new VoService(app.Services.GetRequiredService<WorktableProject>());
        var jobs = new TapJobs(vo);
        var tap = app.MapGroup("/tap").AllowAnonymous().DisableAntiforgery();
        tap.MapGet("/", (HttpContext c) => Results.Redirect(TapUrl(c) + "/capabilities"));
        tap.MapMethods("/sync", ["GET", "POST"], async Task<IResult> (HttpContext c) =>
            TapAnswers.Sync(vo, await TapParameters.ReadAsync(c.Request).ConfigureAwait(false), syncTimeLimit, c.RequestAborted));
        tap.MapGet("/tables", () => Document(vo.WriteTables));
        tap.MapGet("/capabilities", (HttpContext c) => Document(s => vo.WriteCapabilities(s, new Uri(TapUrl(c)), t => ScsUrl(c, t))));
        tap.MapGet("/availability", () => Document(VoService.WriteAvailability));
        tap.MapGet("/resource", (HttpContext c) => Document(s => vo.WriteResourceRecord(s, new Uri(TapUrl(c)), t => ScsUrl(c, t))));
        MapAsync(tap, jobs);

        var scs = app.MapGroup("/scs").AllowAnonymous().DisableAntiforgery();
        scs.MapGet("/{table}", (string table, HttpContext c) =>
        {
            if (!vo.IsPublished(table))
            {
                return Results.Text($"no published table named '{table}'.", statusCode: StatusCodes.Status404NotFound);
            }

            try
            {
                return SimpleConeSearch.Answer(c, (parameters, stream) => Worktables.Vo.Scs.SimpleConeSearch.Write(vo, table, parameters, stream));
            }
            catch (WorktableException e)
            {
                // No position columns: the table cannot serve a cone search (as /t/TABLE/scs answers it).
                return Results.Text(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
    }

    private static void MapAsync(RouteGroupBuilder tap, TapJobs jobs)
    {
        tap.MapGet("/async", (HttpContext c) => Results.Text(TapJobs.JobList(jobs.All(), TapUrl(c) + "/async"), Xml));
        tap.MapPost("/async", async Task<IResult> (HttpContext c) =>
        {
            var job = jobs.Create(await TapParameters.ReadAsync(c.Request).ConfigureAwait(false));
            return job is null
                ? Results.Text($"this service keeps at most {TapJobs.MaxJobs} jobs; delete finished ones first.", statusCode: StatusCodes.Status503ServiceUnavailable)
                : SeeOther($"{TapUrl(c)}/async/{job.Id}");
        });

        var job = tap.MapGroup("/async/{id}");
        job.MapGet("/", async (string id, HttpContext c) =>
        {
            if (jobs.Find(id) is not { } j)
            {
                return NoJob(id);
            }

            if (c.Request.Query["WAIT"] is { Count: 1 } wait && int.TryParse(wait[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                // WAIT=-1 is "as long as the server allows": here a minute, then the job as it is.
                await j.WaitAsync(TimeSpan.FromSeconds(seconds < 0 ? 60 : Math.Min(seconds, 60)), c.RequestAborted).ConfigureAwait(false);
            }

            return Results.Text(TapJobs.JobDocument(j, JobUrl(c, id)), Xml);
        });
        job.MapPost("/", async (string id, HttpContext c) =>
        {
            var p = await TapParameters.ReadAsync(c.Request).ConfigureAwait(false);
            if (jobs.Find(id) is not { } j)
            {
                return NoJob(id);
            }

            if (p["ACTION"] is { } action && action.Equals("DELETE", StringComparison.OrdinalIgnoreCase))
            {
                jobs.Delete(j);
                return SeeOther(TapUrl(c) + "/async");
            }

            return Results.Text("POST to a job takes ACTION=DELETE; parameters go to its /parameters, RUN and ABORT to its /phase.", statusCode: StatusCodes.Status400BadRequest);
        });
        job.MapDelete("/", (string id, HttpContext c) =>
        {
            if (jobs.Find(id) is not { } j)
            {
                return NoJob(id);
            }

            jobs.Delete(j);
            return SeeOther(TapUrl(c) + "/async");
        });
        job.MapGet("/phase", (string id) => jobs.Find(id) is { } j ? Results.Text(TapJobs.Phase(j.Phase)) : NoJob(id));
        job.MapPost("/phase", async (string id, HttpContext c) =>
        {
            var phase = (await TapParameters.ReadAsync(c.Request).ConfigureAwait(false))["PHASE"];
            if (jobs.Find(id) is not { } j)
            {
                return NoJob(id);
            }

            switch (phase?.ToUpperInvariant())
            {
                case "RUN":
                    jobs.Run(j);
                    break;
                case "ABORT":
                    j.Abort(DateTime.UtcNow);
                    break;
                default:
                    return Results.Text($"PHASE={phase}: give PHASE=RUN or PHASE=ABORT.", statusCode: StatusCodes.Status400BadRequest);
            }

            return SeeOther(JobUrl(c, id));
        });
        job.MapGet("/parameters", (string id) => jobs.Find(id) is { } j ? Results.Text(TapJobs.ParametersDocument(j), Xml) : NoJob(id));
        job.MapPost("/parameters", async (string id, HttpContext c) =>
        {
            var p = await TapParameters.ReadAsync(c.Request).ConfigureAwait(false);
            if (jobs.Find(id) is not { } j)
            {
                return NoJob(id);
            }

            if (j.Phase != UwsPhase.Pending)
            {
                return Results.Text($"job {id} is {TapJobs.Phase(j.Phase)}: parameters change only while it is PENDING.", statusCode: StatusCodes.Status409Conflict);
            }

            foreach (var (name, value) in p.All)
            {
                j.Parameters[name.ToUpperInvariant()] = value;
            }

            return SeeOther(JobUrl(c, id));
        });
        job.MapGet("/results", (string id, HttpContext c) => jobs.Find(id) is { } j ? Results.Text(TapJobs.ResultsDocument(j, JobUrl(c, id)), Xml) : NoJob(id));
        job.MapGet("/results/result", (string id) => jobs.Find(id) switch
        {
            { Result: { } body, ResultType: { } type } => Results.Bytes(body, type),
            { } j => Results.Text($"job {id} is {TapJobs.Phase(j.Phase)}: it has no result.", statusCode: StatusCodes.Status404NotFound),
            null => NoJob(id),
        });
        job.MapGet("/error", (string id) => jobs.Find(id) switch
        {
            { ErrorDocument: { } body } => Results.Bytes(body, "application/x-votable+xml"),
            { } j => Results.Text($"job {id} is {TapJobs.Phase(j.Phase)}: it has no error.", statusCode: StatusCodes.Status404NotFound),
            null => NoJob(id),
        });
        job.MapGet("/executionduration", (string id) => jobs.Find(id) is { } j ? Results.Text(j.ExecutionDuration.ToString(CultureInfo.InvariantCulture)) : NoJob(id));
        job.MapGet("/destruction", (string id) => jobs.Find(id) is { } j ? Results.Text(TapJobs.Time(j.Destruction)) : NoJob(id));
        job.MapGet("/quote", (string id) => jobs.Find(id) is not null ? Results.Text("") : NoJob(id));
        job.MapGet("/owner", (string id) => jobs.Find(id) is not null ? Results.Text("") : NoJob(id));
    }

    private static IResult Document(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return Results.Bytes(buffer.ToArray(), Xml);
    }

    private static IResult NoJob(string id) => Results.Text($"no job '{id}' (finished jobs are destroyed after a day, or when deleted).", statusCode: StatusCodes.Status404NotFound);

    private static IResult SeeOther(string url)
    {
        // UWS asks for 303 See Other after a POST, so that clients follow it with a GET.
        return new SeeOtherResult(url);
    }

    private static string TapUrl(HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}/tap";

    private static string JobUrl(HttpContext c, string id) => $"{TapUrl(c)}/async/{id}";

    private static Uri ScsUrl(HttpContext c, string table) => new($"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}/scs/{Uri.EscapeDataString(table)}");

    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}

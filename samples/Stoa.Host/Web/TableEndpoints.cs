using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Host.Commands.Table;
using Stoa.Samp;
using Stoa.Worktables;
using Stoa.Worktables.Model;

namespace Stoa.Host.Web;

/// <summary>
/// The worktable pages and actions. Requests name tables, rows and columns (server-side ids), never file paths:
/// a file is found from the row's own output cell.
/// </summary>
internal static class TableEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    /// <summary>Maps the table endpoints (all need a signed-in user).</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext c, WebAccess gate) =>
            Results.Content(Pages.TableList(WebApp.User(c), WebApp.Token(c), gate.Visible(WebApp.User(c))), Html)).RequireAuthorization();

        var reads = app.MapGroup("/t/{table}").RequireAuthorization().AddEndpointFilter(WebApp.AnswerLibraryErrors);
        reads.MapGet("/", (string table, HttpContext c, WebAccess gate, WebFileCells files, TableRuns runs) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                return denied;
            }

            // The page shows the table as the disk is now, not as it was at the last background check.
            var check = a!.User.CheckFiles();
            return Results.Content(Pages.TableView(WebApp.User(c), WebApp.Token(c), a, files.Stored(a), runs.IsRunning(table), check.PendingWorkflowChange?.ToString()), Html);
        });
        reads.MapGet("/rows/{id:long}/fragment", (string table, long id, HttpContext c, WebAccess gate, WebFileCells files) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            return denied ?? (FindRow(a!.Rows, id) is { } row ? Results.Content(Pages.Row(a!, row, files.Stored(a!)), Html) : NoRow(id));
        });
        reads.MapGet("/events", async (string table, HttpContext c, WebAccess gate, RowEvents events) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                await denied.ExecuteAsync(c).ConfigureAwait(false);
                return;
            }

            c.Response.ContentType = "text/event-stream";
            c.Response.Headers.CacheControl = "no-cache";
            await c.Response.WriteAsync(": connected\n\n", c.RequestAborted).ConfigureAwait(false);
            await c.Response.Body.FlushAsync(c.RequestAborted).ConfigureAwait(false);
            try
            {
                await foreach (var e in events.Subscribe(table, c.RequestAborted).ConfigureAwait(false))
                {
                    var data = new JsonObject { ["row"] = e.RowId, ["kind"] = e.Kind, ["status"] = e.Status }.ToJsonString();
                    await c.Response.WriteAsync($"event: row\ndata: {data}\n\n", c.RequestAborted).ConfigureAwait(false);
                    await c.Response.Body.FlushAsync(c.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The browser went away.
            }
        });
        reads.MapGet("/rows/{id:long}/files/{column}", (string table, long id, string column, string? download, HttpContext c, WebAccess gate) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                return denied;
            }

            if (OutputFile(a!.Rows, id, column, out var path, out var name) is { } bad)
            {
                return bad;
            }

            var downloadName = $"{table}-{id}-{name}";
            return download is not null
                ? Results.File(path, FileKinds.ContentType(name), downloadName)
                : Results.File(path, FileKinds.ContentType(name));
        });
        reads.MapGet("/rows/{id:long}/log", (string table, long id, HttpContext c, WebAccess gate) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                return denied;
            }

            if (FindRow(a!.Rows, id) is not { } row)
            {
                return NoRow(id);
            }

            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"row {id}: {row.Status}; attempts {row.Attempts}; run {row.RunId}");
            if (row.Error is not null)
            {
                text.AppendLine("error: " + row.Error);
            }

            if (row.LogLocation is { } dir && Directory.Exists(dir))
            {
                foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"==> {Path.GetRelativePath(dir, file)} <==");
                    text.AppendLine(File.ReadAllText(file));
                }
            }

            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        });
        reads.MapGet("/export/{format}", (string table, string format, string? serialization, string? hidden, HttpContext c, WebAccess gate) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            return denied ?? TableExports.Download(c, a!, format, serialization, hidden);
        });

        reads.MapGet("/scs", (string table, HttpContext c, WebAccess gate) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            return denied ?? SimpleConeSearch.Answer(c, (parameters, stream) => Worktables.Vo.Scs.SimpleConeSearch.Write(a!.User, parameters, stream));
        });

        var posts = app.MapGroup("/t/{table}").RequireAuthorization().AddEndpointFilter(WebApp.GuardPost);
        var edit = posts.MapPost("/rows/{id:long}/edit", async (string table, long id, HttpContext c, WebAccess gate, WebFileCells files, RowEvents events) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                return denied;
            }

            if (FindRow(a!.Rows, id) is null)
            {
                return NoRow(id);
            }

            var form = await c.Request.ReadFormAsync(c.RequestAborted).ConfigureAwait(false);
            var status = a!.User.Edit(id, files.Changes(form, a));
            events.Publish(new RowEvent(table, id, "edit", status.ToString()));
            return Results.Text($"row {id}: {status}");
        });
        app.Services.GetRequiredService<WebFileCells>().Limits(edit);
        posts.MapPost("/run", (string table, HttpContext c, WebAccess gate, TableRuns runs) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                return denied;
            }

            var run = runs.Start(a!.User);
            if (run is null)
            {
                return Results.Text("a recompute of this table is already running", statusCode: StatusCodes.Status409Conflict);
            }

            if (run.IsFaulted && run.Exception!.InnerException is Stoa.Worktables.Errors.AccessDeniedException refused)
            {
                return Results.Text(refused.Message, statusCode: StatusCodes.Status403Forbidden);
            }

            return Results.Text("recompute started", statusCode: StatusCodes.Status202Accepted);
        });
        posts.MapPost("/rows/{id:long}/comment", (string table, long id, HttpContext c, WebAccess gate, RowEvents events) =>
            Annotate(table, id, "comment", "text", c, gate, events));
        posts.MapPost("/rows/{id:long}/flag", (string table, long id, HttpContext c, WebAccess gate, RowEvents events) =>
            Annotate(table, id, "flag", "label", c, gate, events));
        posts.MapPost("/rows/{id:long}/files/{column}/topcat", async (string table, long id, string column, HttpContext c, WebAccess gate, SampSends samp) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            if (denied is not null)
            {
                return denied;
            }

            if (OutputFile(a!.Rows, id, column, out var path, out var name) is { } bad)
            {
                return bad;
            }

            var format = FileKinds.Of(name) switch
            {
                FileKind.Fits => SampTableFormat.Fits,
                FileKind.VoTable => SampTableFormat.VoTable,
                _ => (SampTableFormat?)null,
            };
            return format is null
                ? Results.Text($"'{column}' of row {id} is not a FITS or VOTable table.", statusCode: StatusCodes.Status400BadRequest)
                : await samp.SendFileAsync(path, format.Value, c.RequestAborted).ConfigureAwait(false);
        });
        posts.MapPost("/topcat", async (string table, HttpContext c, WebAccess gate, SampSends samp) =>
        {
            var (a, denied) = gate.Open(WebApp.User(c), table);
            return denied ?? await samp.SendTableAsync(a!.User, c.RequestAborted).ConfigureAwait(false);
        });
    }

    private static async Task<IResult> Annotate(string table, long id, string kind, string field, HttpContext c, WebAccess gate, RowEvents events)
    {
        var (a, denied) = gate.Open(WebApp.User(c), table);
        if (denied is not null)
        {
            return denied;
        }

        if (FindRow(a!.Rows, id) is null)
        {
            return NoRow(id);
        }

        var form = await c.Request.ReadFormAsync(c.RequestAborted).ConfigureAwait(false);
        var text = form[field].ToString().Trim();
        if (text.Length is 0 or > 2000)
        {
            return Results.Text($"a {kind} needs '{field}' of 1 to 2000 characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (kind == "comment")
        {
            a!.User.AddComment(id, text);
        }
        else
        {
            a!.User.SetFlag(id, text);
        }

        events.Publish(new RowEvent(table, id, kind, a.Rows.GetRow(id).Status.ToString()));
        return Results.Text($"{kind} added");
    }

    private static WorktableRow? FindRow(Worktable table, long id)
    {
        try
        {
            return table.GetRow(id);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private static IResult NoRow(long id) => Results.Text($"no row {id} in this table.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The stored file of an output column of a row; a result to return when there is none.</summary>
    private static IResult? OutputFile(Worktable table, long id, string column, out string path, out string name)
    {
        path = name = string.Empty;
        if (!table.Columns.Any(c => c.Name == column && c.Role == ColumnRole.Output))
        {
            return Results.Text($"no output column '{column}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (FindRow(table, id) is not { } row)
        {
            return NoRow(id);
        }

        if (row[column] is not JsonObject file || (string?)file["class"] != "File" || (string?)file["location"] is not { } location || !File.Exists(location))
        {
            return Results.Text($"row {id} has no '{column}' file (yet).", statusCode: StatusCodes.Status404NotFound);
        }

        path = location;
        name = (string?)file["basename"] ?? column;
        return null;
    }
}

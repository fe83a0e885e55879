using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Host.Commands.Table;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Model;

namespace Stoa.Host.Web;

/// <summary>The web app's HTML, rendered on the server (every value encoded; links carry server-side ids only).</summary>
internal static class Pages
{
    private static string H(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    private static string U(string text) => Uri.EscapeDataString(text);

    /// <summary>The page frame.</summary>
    public static string Layout(string title, string? user, string token, string body, string? table = null) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{H(title)} — Stoa</title>
        <meta name="csrf" content="{H(token)}"><link rel="stylesheet" href="/app.css"></head>
        <body{(table is null ? string.Empty : $" data-table=\"{H(table)}\"")}>
        <header><strong><a href="/">Stoa</a></strong><span>{H(title)}</span>
        {(user is null ? string.Empty : $"<span class=\"who\">{H(user)} <form class=\"logout\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{H(token)}\"><button>log out</button></form></span>")}
        </header>
        <p id="message" role="status" hidden></p>
        {body}
        <script src="/app.js"></script>
        </body></html>
        """;

    /// <summary>The login form.</summary>
    public static string Login(string token, string? error) => Layout("log in", null, token, $"""
        {(error is null ? string.Empty : $"<p id=\"login-error\" class=\"error\">{H(error)}</p>")}
        <form method="post" action="/login">
          <input type="hidden" name="__RequestVerificationToken" value="{H(token)}">
          <label>user <input name="user" id="user" autocomplete="username" required></label>
          <label>password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
          <button id="login">log in</button>
        </form>
        """);

    /// <summary>The tables the user may see, with their role and row counts.</summary>
    public static string TableList(string user, string token, IEnumerable<TableAccess> tables)
    {
        var rows = new StringBuilder();
        foreach (var (_, role, table) in tables)
        {
            var counts = string.Join(", ", table.CountByStatus().Where(p => p.Value > 0).Select(p => $"{p.Value} {p.Key}"));
            rows.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"/t/{U(table.Name)}\">{H(table.Name)}</a></td><td>{H(table.Workflow.Name)}</td><td>{role}</td><td>{H(counts)}</td></tr>");
        }

        return Layout("worktables", user, token, $"""
            <table id="rows"><thead><tr><th>table</th><th>workflow</th><th>your role</th><th>rows</th></tr></thead>
            <tbody>{rows}</tbody></table>
            """);
    }

    /// <summary>One worktable: every row, with the controls the library allows the user.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="token">The anti-forgery token.</param>
    /// <param name="access">The table as the user sees it.</param>
    /// <param name="stored">The files the table holds in the project (the choices of File/Directory inputs).</param>
    /// <param name="running">Whether a recompute of the table is running.</param>
    /// <param name="workflowChange">A change of the workflow on disk the table has not taken over (shown as a warning), or null.</param>
    public static string TableView(string user, string token, TableAccess access, IReadOnlyList<StoredFile> stored, bool running, string? workflowChange = null)
    {
        var (checkedView, role, table) = access;
        var controls = TableControls.For(checkedView);
        var head = new StringBuilder("<tr><th>row</th><th>status</th>");
        foreach (var c in table.Columns)
        {
            head.Append(CultureInfo.InvariantCulture, $"<th class=\"{(c.Role == ColumnRole.Output ? "out" : "in")}\" title=\"{H(c.Description)}\">{H(c.Name)}{(c.Unit is null ? string.Empty : $" [{H(c.Unit)}]")}</th>");
        }

        head.Append("<th>notes</th></tr>");
        var body = new StringBuilder();
        foreach (var row in table.Rows())
        {
            body.Append(Row(access, row, stored, controls));
        }

        var t = U(table.Name);
        var run = controls.Run
            ? $"<form data-ajax action=\"/t/{t}/run\" data-ok=\"recompute started\"><button id=\"run\">Run (recompute changed rows)</button></form>"
            : string.Empty;
        var exports = !controls.Export ? string.Empty : $"""
            <div class="exports">export: <a id="export-fits" href="/t/{t}/export/fits">FITS</a> · <a id="export-votable" href="/t/{t}/export/votable">VOTable</a>
            (<a id="export-votable-binary2" href="/t/{t}/export/votable?serialization=binary2">BINARY2</a>) · <a id="export-csv" href="/t/{t}/export/csv">CSV</a>
            · <a id="export-json" href="/t/{t}/export/json">JSON</a>
            <form data-ajax action="/t/{t}/topcat"><button id="table-topcat" class="topcat">Send table to TOPCAT</button></form></div>
            """;
        return Layout(table.Name, user, token, $"""
            <p>workflow <code>{H(table.Workflow.Name)}</code> · your role: <strong id="role">{role}</strong>{(running ? " · a recompute is running" : string.Empty)}</p>
            {(workflowChange is null ? string.Empty : $"<p id=\"workflow-change\" class=\"warning\">workflow changed on disk: {H(workflowChange)}. The rows keep the results of the bound version until an Owner rebinds the table (<code>stoa table rebind</code>).</p>")}
            {run}
            {exports}
            {Vo.VoHint.For(checkedView)}
            <table id="rows"><thead>{head}</thead><tbody>{body}</tbody></table>
            """, table.Name);
    }

    /// <summary>One row as a <c>&lt;tr&gt;</c> (also served alone, to refresh a row in place).</summary>
    /// <param name="access">The table as the user sees it.</param>
    /// <param name="row">The row.</param>
    /// <param name="stored">The files the table holds in the project (the choices of File/Directory inputs).</param>
    /// <param name="controls">What the user may do, when the caller already asked; default: asked of the library now.</param>
    public static string Row(TableAccess access, WorktableRow row, IReadOnlyList<StoredFile> stored, TableControls? controls = null)
    {
        var (checkedView, _, table) = access;
        controls ??= TableControls.For(checkedView);
        var t = U(table.Name);
        var id = row.RowId.ToString(CultureInfo.InvariantCulture);
        var editable = controls.EditInputs;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<tr id=\"row-{id}\"><td>{id}");
        if (editable)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<form id=\"edit-{id}\" data-ajax data-row=\"{id}\" action=\"/t/{t}/rows/{id}/edit\" data-ok=\"row {id} saved\"><button class=\"save\">save</button></form>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"</td><td class=\"status st-{row.Status}\">{row.Status}</td>");
        foreach (var c in table.Columns)
        {
            var value = row[c.Name];
            sb.Append("<td>");
            if (c.Role == ColumnRole.Input && editable && c.Type.Kind is ColumnTypeKind.File or ColumnTypeKind.Directory)
            {
                sb.Append(FileInput(id, c, value as JsonObject, stored));
            }
            else if (c.Role == ColumnRole.Input && editable && !WebFileCells.HoldsFiles(c.Type))
            {
                var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? string.Empty;
                sb.Append(CultureInfo.InvariantCulture, $"<input class=\"cell\" form=\"edit-{id}\" name=\"{H(c.Name)}\" value=\"{H(text)}\">");
            }
            else if (value is JsonObject o && (string?)o["class"] == "File")
            {
                sb.Append(FileCell(t, id, c.Name, o, c.Role == ColumnRole.Output));
            }
            else
            {
                sb.Append(H(TableOutput.Cell(value)));
            }

            sb.Append("</td>");
        }

        sb.Append("<td>");
        if (row.Reasons.Count > 0 && row.Status != RowStatus.Succeeded)
        {
            // Why the row needs a run: a changed input (with checksums), a changed workflow file, a parent row.
            sb.Append("<ul class=\"reasons\">");
            foreach (var reason in row.Reasons)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li>{H(reason)}</li>");
            }

            sb.Append("</ul>");
        }

        if (row.Status == RowStatus.Failed)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<details open><summary>error</summary><pre class=\"error\">{H(row.Error)}</pre><a href=\"/t/{t}/rows/{id}/log\">run log</a></details>");
        }

        var flags = checkedView.Flags(row.RowId);
        var comments = checkedView.Comments(row.RowId);
        if (flags.Count + comments.Count > 0)
        {
            sb.Append("<ul class=\"notes\">");
            foreach (var f in flags)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li class=\"flag\">⚑ {H(f.Label)} — {H(f.Author)}, {f.Utc:yyyy-MM-dd HH:mm} UTC</li>");
            }

            foreach (var c in comments)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li class=\"comment\">{H(c.Text)} — {H(c.Author)}, {c.Utc:yyyy-MM-dd HH:mm} UTC</li>");
            }

            sb.Append("</ul>");
        }

        if (controls.Comment)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""<form data-ajax data-reset data-row="{id}" action="/t/{t}/rows/{id}/comment" class="comment"><input name="text" placeholder="comment" required><button>comment</button></form>""");
        }

        if (controls.Flag)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""<form data-ajax data-row="{id}" action="/t/{t}/rows/{id}/flag" class="flag"><select name="label"><option>suspect</option><option>good</option></select><button>flag</button></form>""");
        }

        sb.Append("</td></tr>");
        return sb.ToString();
    }

    /// <summary>
    /// A File/Directory input as an Owner edits it: the current name, an upload (Files only) and a choice among the
    /// files the table already holds in the project, sent back by checksum. Never a text box: no path is typed.
    /// </summary>
    private static string FileInput(string id, ColumnDefinition column, JsonObject? current, IReadOnlyList<StoredFile> stored)
    {
        var cls = column.Type.Kind.ToString();
        var name = H(column.Name);
        var html = new StringBuilder($"<span class=\"current\">{H((string?)current?["basename"])}</span>");
        if (column.Type.Kind == ColumnTypeKind.File)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"file\" class=\"upload\" form=\"edit-{id}\" name=\"{name}\">");
        }

        html.Append(CultureInfo.InvariantCulture, $"<select class=\"choose\" form=\"edit-{id}\" name=\"{name}\"><option value=\"\">keep</option>");
        foreach (var file in stored.Where(f => f.Class == cls))
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{H(file.Checksum)}\">{H(file.Name)} ({H(file.Checksum[5..Math.Min(13, file.Checksum.Length)])})</option>");
        }

        return html.Append("</select>").ToString();
    }

    private static string FileCell(string table, string id, string column, JsonObject file, bool output)
    {
        var name = (string?)file["basename"] ?? column;
        if (!output)
        {
            return H(name);
        }

        var href = $"/t/{table}/rows/{id}/files/{U(column)}";
        var kind = FileKinds.Of(name);
        var html = new StringBuilder();
        if (kind == FileKind.Png)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\"><img class=\"thumb\" alt=\"{H(name)}\" src=\"{href}\"></a>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<a class=\"download\" href=\"{href}?download=1\">{H(name)}</a>");
        if (kind is FileKind.Fits or FileKind.VoTable)
        {
            html.Append(CultureInfo.InvariantCulture, $"<form data-ajax action=\"{href}/topcat\"><button class=\"topcat\">Send to TOPCAT</button></form>");
        }

        return html.ToString();
    }
}

using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Stoa.Samp;
using Stoa.Worktables.Access;

namespace Stoa.Host.Web;

/// <summary>
/// "Send to TOPCAT": pushes a table to the SAMP hub the server's environment names (<c>SAMP_HUB</c>, else
/// <c>~/.samp</c>) with <see cref="SampClient"/>, either a row's output file as it is or a whole worktable as a
/// VOTable written for the occasion. Receivers load from a <c>file:</c> URL, so the hub and the receiver must share
/// the server's file system (the usual desktop setup of SAMP).
/// </summary>
internal sealed class SampSends(ILogger<SampSends> log) : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(20);

    // Created on the first table send; the exports live here until the server stops (see SendTableAsync).
    private readonly Lazy<DirectoryInfo> _exports = new(() => Directory.CreateTempSubdirectory("stoa-samp-exports-"));

    /// <summary>Sends an existing table file as <c>table.load.fits</c> or <c>table.load.votable</c>.</summary>
    public async Task<IResult> SendFileAsync(string path, SampTableFormat format, CancellationToken cancellationToken) =>
        (await SendAsync(path, format, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// Writes <paramref name="table"/>'s VOTable export (TABLEDATA, no system fields) to a server-side file named after
    /// the table and sends it as <c>table.load.votable</c>. The library checks the user may export it.
    /// </summary>
    /// <exception cref="Stoa.Worktables.Errors.AccessDeniedException">The user's role may not export the table.</exception>
    public async Task<IResult> SendTableAsync(UserWorktable table, CancellationToken cancellationToken)
    {
        // One folder per send: concurrent sends of one table never share a file, and the receiver sees the table's name.
        var folder = _exports.Value.CreateSubdirectory(Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder.FullName, FileName(table.Name) + ".vot");
        try
        {
            using (var file = File.Create(path))
            {
                table.ExportVoTable(file);
            }

            var (result, allLoaded) = await SendAsync(path, SampTableFormat.VoTable, cancellationToken).ConfigureAwait(false);
            if (allLoaded)
            {
                // callAndWait returned samp.ok from every receiver: each has read the file. After an error or a
                // timeout a receiver may still read it later, so then it stays until the server stops.
                folder.Delete(recursive: true);
            }

            return result;
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Deletes the exports written for table sends.</summary>
    public void Dispose()
    {
        if (_exports.IsValueCreated && _exports.Value.Exists)
        {
            _exports.Value.Delete(recursive: true);
        }
    }

    private async Task<(IResult Result, bool AllLoaded)> SendAsync(string path, SampTableFormat format, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await SampClient.ConnectAsync(SampHub.Locate(), cancellationToken: cancellationToken).ConfigureAwait(false);
            var deliveries = await client.SendTableAsync(path, format, null, ReplyTimeout, cancellationToken).ConfigureAwait(false);
            var summary = string.Join(", ", deliveries.Select(d => d.ErrorText is null ? $"{d.ClientName} ({d.Status})" : $"{d.ClientName} ({d.Status}: {d.ErrorText})"));
            if (deliveries.All(d => d.Status == "samp.error"))
            {
                // Not one receiver loaded the table: an error to show, not "sent".
                return (Results.Text($"no receiver loaded the table: {summary}", statusCode: StatusCodes.Status502BadGateway), false);
            }

            return (Results.Text($"sent to {summary}"), deliveries.All(d => d.Status == "samp.ok"));
        }
        catch (Exception e) when (e is SampException or HttpRequestException or IOException)
        {
            log.LogWarning("SAMP send failed: {Message}", e.Message);
            return (Results.Text($"no SAMP hub or TOPCAT to send to: {e.Message}", statusCode: StatusCodes.Status502BadGateway), false);
        }
    }

    /// <summary>The table name as a file name on any file system: letters, digits, '.', '-' and '_' kept, others '_'.</summary>
    private static string FileName(string table)
    {
        var name = new StringBuilder(table.Length);
        foreach (var ch in table)
        {
            name.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        }

        // A name of dots only would be "." or "..", which are not files.
        return name.ToString().Trim('.') is { Length: > 0 } safe ? safe : "table";
    }
}

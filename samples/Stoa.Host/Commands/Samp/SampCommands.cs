using System.CommandLine;
using Stoa.Samp;

namespace Stoa.Host.Commands.Samp;

/// <summary><c>stoa samp send TABLE [--to NAME]</c>: pushes a VOTable or FITS table to SAMP clients such as TOPCAT.</summary>
internal static class SampCommands
{
    /// <summary>Builds the <c>samp</c> command group.</summary>
    public static Command Create()
    {
        var table = new Argument<FileInfo>("TABLE") { Description = "A VOTable (.vot, .xml) or FITS (.fits) table file." };
        var to = new Option<string?>("--to") { Description = "The samp.name of the receiving client (e.g. topcat); default: every subscribed client." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each receiver's answer.", DefaultValueFactory = _ => 30 };
        var send = new Command("send", "Send a table to SAMP clients (TOPCAT, Aladin…) through the running hub.") { table, to, timeout };
        send.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(table)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"stoa samp send: {file.FullName}: no such file").ConfigureAwait(false);
                return 2;
            }

            var format = file.Extension.ToUpperInvariant() is ".FITS" or ".FIT" or ".FTS" ? SampTableFormat.Fits : SampTableFormat.VoTable;
            try
            {
                await using var client = await SampClient.ConnectAsync(SampHub.Locate(), cancellationToken: cancellationToken).ConfigureAwait(false);
                var deliveries = await client.SendTableAsync(file.FullName, format, parse.GetValue(to),
                    TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken).ConfigureAwait(false);
                foreach (var d in deliveries)
                {
                    Console.WriteLine(d.ErrorText is null ? $"{d.ClientName}: {d.Status}" : $"{d.ClientName}: {d.Status}: {d.ErrorText}");
                }

                return deliveries.All(d => d.Status != "samp.error") ? 0 : 1;
            }
            catch (SampException e)
            {
                await Console.Error.WriteLineAsync($"stoa samp send: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });

        return new Command("samp", "Talk to Virtual Observatory tools over SAMP.") { send };
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Stoa.Host.Web;

/// <summary>A change the browser should show: a row's status, or a row whose cells/annotations changed.</summary>
internal sealed record RowEvent(string Table, long RowId, string Kind, string Status);

/// <summary>
/// Fans row events out to the server-sent-event streams of the browsers viewing a table. Each subscriber has a
/// bounded channel: a slow browser drops old events (it re-fetches the row on the next one) instead of holding memory.
/// </summary>
internal sealed class RowEvents
{
    private readonly ConcurrentDictionary<Guid, (string Table, Channel<RowEvent> Channel)> _subscribers = new();

    /// <summary>Subscribes to the events of <paramref name="table"/> until <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<RowEvent> Subscribe(string table, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<RowEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = (table, channel);
        cancellationToken.Register(() =>
        {
            _subscribers.TryRemove(id, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader.ReadAllAsync(cancellationToken);
    }

    /// <summary>Sends <paramref name="e"/> to every viewer of its table.</summary>
    public void Publish(RowEvent e)
    {
        foreach (var (_, (table, channel)) in _subscribers)
        {
            if (table == e.Table)
            {
                channel.Writer.TryWrite(e);
            }
        }
    }
}

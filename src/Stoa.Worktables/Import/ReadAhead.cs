using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Stoa.Worktables.Import;

/// <summary>
/// Enumerates a source on a second thread, a bounded number of chunks ahead of the consumer: on a bulk import the
/// cells are parsed, checked, serialised and hashed while the store writes the rows before them, so the two
/// halves of the work share the machine's cores instead of taking turns. Items arrive in the source's order; an
/// exception of the source is thrown to the consumer where it happened, after every item before it. A source
/// shorter than one chunk is read on the caller's thread (no thread for a single row). Disposing the enumerator
/// stops the source and waits for it, so state the source writes (line numbers) is settled when the caller
/// handles an error.
/// </summary>
internal static class ReadAhead
{
    private const int ChunkSize = 1024;
    private const int ChunksAhead = 8;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        using var e = source.GetEnumerator();
        var first = new List<T>(ChunkSize);
        while (first.Count < ChunkSize && e.MoveNext())
        {
            first.Add(e.Current);
        }

        foreach (var item in first)
        {
            yield return item;
        }

        if (first.Count < ChunkSize)
        {
            yield break;
        }

        using var chunks = new BlockingCollection<List<T>>(ChunksAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                var chunk = new List<T>(ChunkSize);
                while (!stop.IsCancellationRequested && e.MoveNext())
                {
                    chunk.Add(e.Current);
                    if (chunk.Count == ChunkSize)
                    {
                        chunks.Add(chunk, stop.Token);
                        chunk = new List<T>(ChunkSize);
                    }
                }

                if (chunk.Count > 0 && !stop.IsCancellationRequested)
                {
                    chunks.Add(chunk, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early (an error of its own); nothing more is wanted.
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                chunks.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "Stoa read-ahead",
        };
        producer.Start();
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }

            producer.Join();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }
}

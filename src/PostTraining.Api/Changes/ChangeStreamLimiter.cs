using System.Collections.Concurrent;

namespace PostTraining.Api.Changes;

/// <summary>
/// Counts open streams per client address (the address the rate limiter partitions reads by: the connection's, as
/// the forwarded-headers middleware set it from a trusted proxy). A stream holds a slot until it ends.
/// </summary>
public sealed class ChangeStreamLimiter(ChangeStreamOptions options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A slot for the client, released by disposing it; null when the client has <see cref="ChangeStreamOptions.MaxPerClient"/> open.</summary>
    public IDisposable? TryAcquire(string client)
    {
        var admitted = false;
        _open.AddOrUpdate(client, _ => { admitted = true; return 1; }, (_, count) =>
        {
            admitted = count < options.MaxPerClient;
            return admitted ? count + 1 : count;
        });
        return admitted ? new Slot(this, client) : null;
    }

    /// <summary>Streams open for the client now.</summary>
    public int OpenFor(string client) => _open.GetValueOrDefault(client);

    private void Release(string client)
    {
        // Drop the entry at zero so a stream of passing addresses leaves nothing behind.
        if (_open.AddOrUpdate(client, 0, (_, count) => count - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(client, 0));
        }
    }

    private sealed class Slot(ChangeStreamLimiter limiter, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(client);
            }
        }
    }
}

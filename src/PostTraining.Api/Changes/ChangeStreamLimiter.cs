using System.Threading.RateLimiting;

namespace PostTraining.Api.Changes;

/// <summary>
/// Bounds open streams per client address (the address the rate limiter partitions reads by: the connection's, as
/// the forwarded-headers middleware set it from a trusted proxy): a concurrency limiter per address, no queue. A
/// stream holds its lease until it ends; idle addresses' limiters are dropped by the partitioned limiter itself.
/// </summary>
public sealed class ChangeStreamLimiter(ChangeStreamOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions { PermitLimit = options.MaxPerClient, QueueLimit = 0 }));

    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A slot for the client, released by disposing it; null when the client has <see cref="ChangeStreamOptions.MaxPerClient"/> open.</summary>
    public IDisposable? TryAcquire(string client)
    {
        var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}

using System.Globalization;
using System.Threading.RateLimiting;

namespace PostTraining.Api.RateLimiting;

/// <summary>
/// The global limiter, wrapped so that every limited answer (admitted or refused) says how much of its window is
/// left: ASP.NET Core's middleware keeps the lease to itself, so the headers are written when the lease is taken.
/// </summary>
internal sealed class RateLimitHeaderWriter(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Write(resource, inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Write(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

    /// <summary>Whole seconds until the window resets, at least 1 (a client waiting 0 s would only be refused again).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RateLimitLease Write(HttpContext context, RateLimitLease lease)
    {
        // Unlimited partitions (health probes) carry no window, and say nothing.
        if (lease.TryGetMetadata(ClockWindowLimiter.Limit, out var limit) && lease.TryGetMetadata(ClockWindowLimiter.Remaining, out var remaining)
            && lease.TryGetMetadata(ClockWindowLimiter.Reset, out var reset))
        {
            var headers = context.Response.Headers;
            headers[RateLimitHeaders.Limit] = limit.ToString(CultureInfo.InvariantCulture);
            headers[RateLimitHeaders.Remaining] = remaining.ToString(CultureInfo.InvariantCulture);
            headers[RateLimitHeaders.Reset] = Seconds(reset).ToString(CultureInfo.InvariantCulture);
        }

        return lease;
    }
}

using System.Threading.RateLimiting;

namespace PostTraining.Api.RateLimiting;

/// <summary>
/// A fixed window aligned to the clock (a 60-second window resets at every full minute), so the time until it resets
/// is known exactly: .NET's FixedWindowRateLimiter starts its windows at creation and reports the whole window as
/// Retry-After. Each lease carries the window's limit, what is left and when it resets, for the response headers.
/// </summary>
internal sealed class ClockWindowLimiter(int permitLimit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    public static readonly MetadataName<int> Limit = new(RateLimitHeaders.Limit);
    public static readonly MetadataName<int> Remaining = new(RateLimitHeaders.Remaining);
    public static readonly MetadataName<TimeSpan> Reset = new(RateLimitHeaders.Reset);

    private readonly Lock _lock = new();
    private long _window = -1;
    private int _used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                // Idle once the window it counted in is over: a new one would start from zero anyway.
                var now = clock.GetUtcNow().UtcTicks;
                return now / window.Ticks > _window ? TimeSpan.FromTicks(now - (_window + 1) * window.Ticks) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = permitLimit - CurrentUse(clock.GetUtcNow().UtcTicks) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow().UtcTicks;
            var used = CurrentUse(now);
            var reset = TimeSpan.FromTicks((_window + 1) * window.Ticks - now);
            if (used + permitCount > permitLimit)
            {
                return new WindowLease(false, permitLimit, permitLimit - used, reset);
            }

            _used = used + permitCount;
            return new WindowLease(true, permitLimit, permitLimit - _used, reset);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount)); // no queue: over the limit is answered at once

    private int CurrentUse(long now)
    {
        var index = now / window.Ticks;
        if (index != _window)
        {
            _window = index;
            _used = 0;
        }

        return _used;
    }

    private sealed class WindowLease(bool acquired, int limit, int remaining, TimeSpan reset) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            [Limit.Name, Remaining.Name, Reset.Name, .. acquired ? Array.Empty<string>() : [MetadataName.RetryAfter.Name]];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName switch
            {
                _ when metadataName == Limit.Name => limit,
                _ when metadataName == Remaining.Name => remaining,
                _ when metadataName == Reset.Name => reset,
                _ when metadataName == MetadataName.RetryAfter.Name && !acquired => reset,
                _ => null,
            };
            return metadata is not null;
        }
    }
}

namespace PostTraining.Api.Subscriptions;

/// <summary>Exponential backoff with jitter: about <c>initial</c> after the first attempt, doubling up to <c>max</c>.</summary>
public static class WebhookBackoff
{
    /// <summary>
    /// The wait after attempt <paramref name="attempt"/> (1-based): initial·2^(attempt-1), capped at max, then spread
    /// over ±25% so many failing deliveries do not retry in step; never sooner than the target's Retry-After.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 40);
        var baseTicks = Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, exponent));
        var jittered = TimeSpan.FromTicks((long)(baseTicks * (0.75 + 0.5 * Random.Shared.NextDouble())));
        if (jittered > max)
        {
            jittered = max;
        }

        return retryAfter is { } after && after > jittered ? after : jittered;
    }
}

namespace PostTraining.Api.Changes;

/// <summary>The <c>Changes:Stream</c> configuration section: the SSE stream's heartbeat and its per-address bound.</summary>
public sealed class ChangeStreamOptions
{
    public const string Section = "Changes:Stream";

    /// <summary>
    /// Seconds between <c>: heartbeat</c> comment lines (default 15): idle proxies (nginx's 60 s read timeout) keep the
    /// connection, and a client learns a dead one within one interval. Each beat also re-reads the feed, in case a
    /// notification was missed.
    /// </summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>Open streams per client address (default 4); one more is refused with 429.</summary>
    public int MaxPerClient { get; set; } = 4;

    /// <summary>The <c>retry:</c> an EventSource waits before reconnecting, in milliseconds (default 3000).</summary>
    public int RetryMilliseconds { get; set; } = 3000;
}

namespace PostTraining.Api.Subscriptions;

/// <summary>The <c>Webhooks</c> configuration section: how deliveries are sent, retried and leased.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Lets subscriptions aim at plain http and at loopback, private and link-local addresses (tests, local use).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The first retry's delay; each further one doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a delivery is retried before it is given up and its subscription marked failing.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claim is held: a process killed mid-delivery leaves its claims, and any process takes them again
    /// once this has passed. Longer than <see cref="Timeout"/>, so a slow target does not get two sends at once.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one POST may take, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher looks for due work when no notification woke it (retries, other processes' queues).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries claimed at once, and sent in parallel.</summary>
    public int BatchSize { get; set; } = 32;
}

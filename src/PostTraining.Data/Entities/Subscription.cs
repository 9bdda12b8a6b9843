namespace PostTraining.Data.Entities;

/// <summary>
/// A webhook subscription: where to POST the changes of a scope, the secret that signs them, and how far the change
/// feed has been fanned out to it (<see cref="Cursor"/>), so no change is skipped or queued twice across restarts.
/// </summary>
public sealed class Subscription
{
    public long Id { get; set; }

    /// <summary>The target URL, POSTed one change at a time.</summary>
    public string Url { get; set; } = "";

    /// <summary>The scope as the subscriber gave it (each null when not given): a subtree root, a kind, one entity, events.</summary>
    public string? Root { get; set; }
    public string? Kind { get; set; }
    public string? Entity { get; set; }
    public List<string> Events { get; set; } = [];

    /// <summary><c>whsec_</c> + base64 of the key; kept in the clear because every delivery is signed with it.</summary>
    public string Secret { get; set; } = "";

    /// <summary>active, failing (a delivery was given up; deliveries go on) or ended (410 from the target; none go out).</summary>
    public string Status { get; set; } = SubscriptionStatuses.Active;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Name of the key that subscribed; that key (or an admin) sees and manages it.</summary>
    public string Author { get; set; } = "";

    /// <summary>The last change-feed id considered for this subscription (matched into a delivery or not).</summary>
    public long Cursor { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

public static class SubscriptionStatuses
{
    public const string Active = "active";
    public const string Failing = "failing";
    public const string Ended = "ended";
}

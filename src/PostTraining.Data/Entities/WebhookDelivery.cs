namespace PostTraining.Data.Entities;

/// <summary>
/// One change due to one subscription: the outbox row the dispatchers claim (<see cref="ClaimedUntil"/> is the lease
/// of the process sending it), unique per (subscription, change) so a change is queued once.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public long ChangeId { get; set; }

    /// <summary>The change's entity, copied so the per-entity order check needs no join.</summary>
    public string EntityKind { get; set; } = "";
    public string EntityKey { get; set; } = "";

    /// <summary>created, updated, deleted, moved or linked.</summary>
    public string Event { get; set; } = "";

    /// <summary>pending, delivered, failed (given up) or cancelled (the subscription ended).</summary>
    public string Status { get; set; } = DeliveryStatuses.Pending;

    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Since when it has been retried: queued, or asked for again; given up <c>Webhooks:RetryFor</c> later.</summary>
    public DateTimeOffset RetrySince { get; set; }

    /// <summary>Until when the process that claimed it may send it; after that any process may claim it again.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Which claim holds the lease, so a process whose lease ran out cannot overwrite a newer claim's outcome.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public List<WebhookAttempt> AttemptLog { get; set; } = [];
}

public static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

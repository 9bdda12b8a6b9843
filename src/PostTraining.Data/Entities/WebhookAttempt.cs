namespace PostTraining.Data.Entities;

/// <summary>One POST of a delivery and what came of it: the delivery log a subscriber reads.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Attempt { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The target's status code; null when no answer came (network error, timeout).</summary>
    public int? StatusCode { get; set; }

    public int LatencyMs { get; set; }
    public string? Error { get; set; }
}

using PostTraining.Data.Entities;

namespace PostTraining.Api.Subscriptions;

internal static class SubscriptionMapping
{
    public static SubscriptionResponse ToResponse(this Subscription s) => new(
        s.Id, s.Url, s.Root, s.Kind, s.Entity, s.Events.Count == 0 ? null : s.Events, s.Status, s.CreatedAt, s.Author, s.EndedAt,
        $"/api/v1/subscriptions/{s.Id}", $"/api/v1/subscriptions/{s.Id}/deliveries");

    public static DeliveryResponse ToResponse(this WebhookDelivery d) => new(
        d.Id,
        WebhookSignature.MessageId(d.SubscriptionId, d.ChangeId),
        d.ChangeId,
        d.Event,
        d.EntityKind,
        d.EntityKey,
        d.Status,
        d.CreatedAt,
        d.Status == DeliveryStatuses.Pending ? d.NextAttemptAt : null,
        d.DeliveredAt,
        [.. d.AttemptLog.OrderBy(a => a.Attempt).ThenBy(a => a.Id).Select(a => new DeliveryAttemptResponse(a.Attempt, a.At, a.StatusCode, a.LatencyMs, a.Error))],
        $"/api/v1/subscriptions/{d.SubscriptionId}/deliveries/{d.Id}/redeliver");
}

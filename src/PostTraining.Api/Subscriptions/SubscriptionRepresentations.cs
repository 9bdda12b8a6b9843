using System.ComponentModel;
using PostTraining.Api.Changes;

namespace PostTraining.Api.Subscriptions;

/// <summary>What to subscribe: the target and, optionally, the part of the change feed it wants.</summary>
public sealed record CreateSubscriptionRequest(
    [property: Description("Where deliveries are POSTed: https, on a public address (unless the service allows private targets).")] string? Url,
    [property: Description("A paradigm or technique slug (or kind:slug): only changes in its subtree.")] string? Root,
    [property: Description("Only changes to this kind of entity, e.g. technique.")] string? Kind,
    [property: Description("Only changes to this one entity, as kind:slug, e.g. technique:dpo.")] string? Entity,
    [property: Description("Only these events: created, updated, deleted, moved, linked. Absent: all.")] IReadOnlyList<string>? Events);

/// <summary>A subscription as listed: everything but its secret, which only the creating answer carries.</summary>
public sealed record SubscriptionResponse(
    long Id,
    string Url,
    string? Root,
    string? Kind,
    string? Entity,
    IReadOnlyList<string>? Events,
    [property: Description("active, failing (a delivery was given up after retrying; deliveries go on) or ended (the target answered 410).")] string Status,
    DateTimeOffset CreatedAt,
    string Author,
    DateTimeOffset? EndedAt,
    string Self,
    string Deliveries);

/// <summary>A new subscription. <c>secret</c> signs every delivery and is shown this once.</summary>
public sealed record CreatedSubscriptionResponse(
    long Id,
    string Url,
    string? Root,
    string? Kind,
    string? Entity,
    IReadOnlyList<string>? Events,
    string Status,
    DateTimeOffset CreatedAt,
    string Author,
    [property: Description("whsec_ + base64 of the signing key (Standard Webhooks); shown only in this answer.")] string Secret,
    string Self,
    string Deliveries);

/// <summary>One POST of a delivery.</summary>
public sealed record DeliveryAttemptResponse(int Attempt, DateTimeOffset At, int? StatusCode, int LatencyMs, string? Error);

/// <summary>One change due to the subscription, and every attempt to send it.</summary>
public sealed record DeliveryResponse(
    long Id,
    [property: Description("The webhook-id header of every attempt: the same on retries and redeliveries, for de-duplication.")] string WebhookId,
    long Change,
    string Event,
    string Kind,
    string Key,
    [property: Description("pending, delivered, failed (given up; redeliver to try again) or cancelled (the subscription ended).")] string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<DeliveryAttemptResponse> Attempts,
    string Redeliver);

/// <summary>The body of every delivery: the change-feed entry and what it means to this subscription.</summary>
public sealed record WebhookPayload(
    [property: Description("Always 'change'.")] string Type,
    [property: Description("created, updated, deleted, moved or linked: the most specific type of the change (see the change feed).")] string Event,
    [property: Description("The subscription's id.")] long Subscription,
    [property: Description("The entry as GET /api/v1/changes serves it; its url is absolute when the service has a PublicBaseUrl.")] ChangeEntry Change);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Subscriptions;

/// <summary>A claimed delivery: what to send, where, and the claim that lets its outcome be recorded.</summary>
public sealed record ClaimedDelivery(long Id, long SubscriptionId, long ChangeId, string Event, int Attempt, DateTimeOffset RetrySince, Guid Token);

/// <summary>What one attempt came to; <c>RetryAfter</c> is the target's Retry-After, the earliest a retry may go.</summary>
public sealed record DeliveryOutcome(int? StatusCode, int LatencyMs, string? Error, bool Delivered, bool Gone, bool Retryable, TimeSpan? RetryAfter);

/// <summary>
/// The delivery rows as a work queue shared by every process: claims are leases taken with <c>FOR UPDATE SKIP
/// LOCKED</c>, so two dispatchers never take the same row, and a killed process's claims lapse after the lease.
/// A delivery waits while an earlier one of the same entity to the same subscription is pending, so order per
/// entity holds.
/// </summary>
public sealed class WebhookQueue(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batch, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lease;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE webhook_deliveries d SET claimed_until = $1, claim_token = $2, attempts = d.attempts + 1
            WHERE d.id IN (
                SELECT c.id FROM webhook_deliveries c JOIN subscriptions s ON s.id = c.subscription_id
                WHERE c.status = 'pending' AND c.next_attempt_at <= $3 AND (c.claimed_until IS NULL OR c.claimed_until < $3)
                  AND s.status <> 'ended'
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = c.subscription_id AND e.entity_kind = c.entity_kind AND e.entity_key = c.entity_key
                                    AND e.status = 'pending' AND e.change_id < c.change_id)
                ORDER BY c.next_attempt_at, c.id
                LIMIT $4
                FOR UPDATE OF c SKIP LOCKED)
              AND d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until < $3)
            RETURNING d.id, d.subscription_id, d.change_id, d.event, d.attempts, d.retry_since
            """, connection);
        command.Parameters.AddWithValue(until);
        command.Parameters.AddWithValue(token);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(batch);
        var claims = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claims.Add(new ClaimedDelivery(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), token));
        }

        return claims;
    }

    /// <summary>When the next pending delivery falls due, to sleep until then; null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        return await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatuses.Pending)
            .Select(d => (DateTimeOffset?)(d.ClaimedUntil > d.NextAttemptAt ? d.ClaimedUntil : d.NextAttemptAt))
            .MinAsync(ct);
    }

    /// <summary>
    /// Records an attempt and moves the delivery on: delivered; ended with its subscription (410); retried after a
    /// backoff; or given up (the subscription marked failing). Only while this claim holds the row.
    /// </summary>
    public async Task CompleteAsync(ClaimedDelivery claim, DeliveryOutcome outcome, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancellation =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var mine = db.WebhookDeliveries.Where(d => d.Id == claim.Id && d.ClaimToken == claim.Token);
            int updated;
            if (outcome.Delivered)
            {
                updated = await mine.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Delivered).SetProperty(d => d.DeliveredAt, now)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null).SetProperty(d => d.ClaimToken, (Guid?)null), cancellation);
                await db.Subscriptions.Where(s => s.Id == claim.SubscriptionId && s.Status == SubscriptionStatuses.Failing)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatuses.Active), cancellation);
            }
            else if (outcome.Gone)
            {
                updated = await mine.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Cancelled)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null).SetProperty(d => d.ClaimToken, (Guid?)null), cancellation);
                await db.Subscriptions.Where(s => s.Id == claim.SubscriptionId)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatuses.Ended).SetProperty(s => s.EndedAt, now), cancellation);
                await db.WebhookDeliveries.Where(d => d.SubscriptionId == claim.SubscriptionId && d.Status == DeliveryStatuses.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Cancelled), cancellation);
            }
            else if (outcome.Retryable && now - claim.RetrySince < o.RetryFor)
            {
                var next = now + WebhookBackoff.Delay(claim.Attempt, o.InitialBackoff, o.MaxBackoff, outcome.RetryAfter);
                updated = await mine.ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null).SetProperty(d => d.ClaimToken, (Guid?)null), cancellation);
            }
            else
            {
                updated = await mine.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Failed)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null).SetProperty(d => d.ClaimToken, (Guid?)null), cancellation);
                await db.Subscriptions.Where(s => s.Id == claim.SubscriptionId && s.Status == SubscriptionStatuses.Active)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatuses.Failing), cancellation);
            }

            // A claim that lapsed (or a subscription deleted meanwhile) leaves the row to whoever holds it now.
            if (updated > 0)
            {
                db.WebhookAttempts.Add(new WebhookAttempt
                {
                    DeliveryId = claim.Id,
                    Attempt = claim.Attempt,
                    At = now,
                    StatusCode = outcome.StatusCode,
                    LatencyMs = outcome.LatencyMs,
                    Error = outcome.Error is { Length: > 500 } e ? e[..500] : outcome.Error,
                });
                await db.SaveChangesAsync(cancellation);
            }

            await transaction.CommitAsync(cancellation);
        }, ct);
    }

}

using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.ReadModel;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// The change feed is the outbox: every write commits its change rows in its own transaction, and ids are handed out in
/// commit order (the write lock), so a subscription's cursor over <c>changes.id</c> never passes a change that is yet
/// to commit. This moves each subscription's cursor forward and queues a delivery for every change in its scope, in
/// one transaction with the subscription row locked (<c>SKIP LOCKED</c>: another process fanning it out is left to it).
/// Only changes the local snapshot already holds are judged, since the scope places entities through it.
/// </summary>
public sealed class WebhookFanOut(IServiceScopeFactory scopes, SnapshotHolder holder, TimeProvider clock)
{
    private const int SubscriptionsPerRound = 50;
    private const int ChangesPerRound = 1000;

    /// <summary>Queues what is due; returns how many deliveries it queued (0 when nothing was behind).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (holder.Current is not { } snapshot)
        {
            return 0;
        }

        var mark = snapshot.ChangeMark;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(cancellation => RoundAsync(db, snapshot, mark, cancellation), ct);
    }

    private async Task<int> RoundAsync(PostTrainingDbContext db, TaxonomySnapshot snapshot, long mark, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var subscriptions = await db.Subscriptions
            .FromSql($"SELECT * FROM subscriptions WHERE status <> {SubscriptionStatuses.Ended} AND cursor < {mark} ORDER BY id LIMIT {SubscriptionsPerRound} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        var from = subscriptions.Min(s => s.Cursor);
        var changes = await db.Changes.AsNoTracking()
            .Where(c => c.Id > from && c.Id <= mark)
            .OrderBy(c => c.Id)
            .Take(ChangesPerRound)
            .ToListAsync(ct);
        var last = changes.Count == ChangesPerRound ? changes[^1].Id : mark;
        var entries = changes.Select(c => c.ToEntry()).ToList();
        var now = clock.GetUtcNow();
        var queued = 0;
        foreach (var subscription in subscriptions)
        {
            var scope = ChangeScope.Create(subscription.Root, subscription.Kind, subscription.Entity, subscription.Events.Count == 0 ? null : subscription.Events);
            foreach (var entry in entries)
            {
                if (entry.Id <= subscription.Cursor || !scope.Matches(entry, snapshot))
                {
                    continue;
                }

                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id,
                    ChangeId = entry.Id,
                    EntityKind = entry.Kind,
                    EntityKey = entry.Key,
                    Event = ChangeEvents.Primary(entry),
                    Status = DeliveryStatuses.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    RetrySince = now,
                });
                queued++;
            }

            subscription.Cursor = Math.Max(subscription.Cursor, last);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return queued;
    }
}

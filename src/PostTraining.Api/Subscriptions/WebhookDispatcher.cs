using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PostTraining.Api.Changes;
using PostTraining.Api.ReadModel;
using PostTraining.Data;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// Runs in every API process: fans new changes out into deliveries, claims due deliveries (a lease each) and sends
/// them in parallel, recording every attempt. Woken by a new snapshot (a write here or elsewhere), by
/// <c>NOTIFY posttraining_webhooks</c> (another process queued work) and, as a fallback, by polling. When the
/// database goes away it retries with backoff (1 s doubling to 30 s); nothing is lost, since the queue is in the
/// database and an outcome that could not be recorded leaves the claim to lapse and the delivery to be sent again.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookFanOut fanOut,
    WebhookQueue queue,
    WebhookSender sender,
    WebhookSignal signal,
    SnapshotHolder holder,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string Channel = "posttraining_webhooks";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var swaps = WakeOnSwapsAsync(stoppingToken);
        var listener = ListenAsync(stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await fanOut.RunAsync(stoppingToken) > 0)
                {
                    await NotifyAsync(stoppingToken);
                    continue;
                }

                var claims = await queue.ClaimAsync(options.Value.BatchSize, stoppingToken);
                if (claims.Count > 0)
                {
                    await SendAllAsync(claims, stoppingToken);
                    backoff = TimeSpan.FromSeconds(1);
                    continue;
                }

                backoff = TimeSpan.FromSeconds(1);
                var wait = options.Value.PollInterval;
                if (await queue.NextDueAsync(stoppingToken) is { } due)
                {
                    var until = due - clock.GetUtcNow();
                    wait = until < TimeSpan.Zero ? TimeSpan.Zero : until < wait ? until : wait;
                }

                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Webhook dispatch failed ({Error}); retrying in {Delay} s", e.Message, backoff.TotalSeconds);
                await signal.WaitAsync(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }

        await swaps;
        await listener;
    }

    /// <summary>
    /// A new snapshot holds changes to fan out (fan-out places them through it): wake on each swap. Swaps that come
    /// together wake once, which is enough, since a woken dispatcher reads everything new.
    /// </summary>
    private async Task WakeOnSwapsAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await holder.NextSwap.WaitAsync(stoppingToken);
                signal.Wake();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAllAsync(IReadOnlyList<ClaimedDelivery> claims, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var subscriptionIds = claims.Select(c => c.SubscriptionId).Distinct().ToList();
        var changeIds = claims.Select(c => c.ChangeId).Distinct().ToList();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var changes = await db.Changes.AsNoTracking().Where(c => changeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchSize, CancellationToken = ct }, async (claim, token) =>
        {
            if (!subscriptions.TryGetValue(claim.SubscriptionId, out var subscription) || !changes.TryGetValue(claim.ChangeId, out var change))
            {
                return; // Unsubscribed meanwhile: the rows went with it.
            }

            var body = sender.Body(subscription.Id, claim.Event, change.ToEntry());
            var outcome = await sender.SendAsync(subscription.Url, subscription.Secret, WebhookSignature.MessageId(subscription.Id, change.Id), body, token);
            await RecordAsync(claim, outcome, token);
        });
    }

    /// <summary>
    /// Records the outcome, retrying while the database is away; past the lease the claim has lapsed and the delivery
    /// goes out again (with the same webhook-id), so giving up here loses nothing.
    /// </summary>
    private async Task RecordAsync(ClaimedDelivery claim, DeliveryOutcome outcome, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.Lease;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await queue.CompleteAsync(claim, outcome, ct);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && clock.GetUtcNow() < deadline)
            {
                logger.LogWarning("Recording webhook delivery {Id} failed ({Error}); retrying", claim.Id, e.Message);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task NotifyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        await db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", ct);
    }

    /// <summary>LISTENs on a connection of its own and wakes the loop on each notification; reconnects with backoff.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { Pooling = false, KeepAlive = 15, Timeout = 5 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was queued while nobody listened.
                signal.Wake();
                backoff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogDebug("Webhook listener lost the database ({Error}); retrying in {Delay} s", e.Message, backoff.TotalSeconds);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}

using Npgsql;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Keeps this process in step with writes made by others: LISTENs on a dedicated connection and rebuilds on each
/// notification (bursts coalesce into one rebuild) for the WAL position the notification names. It listens on the
/// primary even with a read replica: a hot standby delivers no notifications. When the database goes away it retries
/// with backoff, and on reconnecting rebuilds if the change feed moved meanwhile. It never stops the host: reads go on
/// from the last snapshot.
/// </summary>
public sealed class SnapshotListener(
    SnapshotRefresher refresher,
    SnapshotLoader loader,
    SnapshotHolder holder,
    IConfiguration configuration,
    ILogger<SnapshotListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place and the catch-up check after it has run.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var worker = refresher.ServeRequestsAsync(stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"))
                {
                    // A connection of its own, never returned to a pool; keepalives notice a dead server while idle.
                    Pooling = false,
                    KeepAlive = 15,
                    Timeout = 5,
                };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (refresher.Parse(e.Payload) is { Own: false } notified)
                    {
                        refresher.Request(notified.Lsn);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {SnapshotRefresher.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Writes made while nobody listened (before start-up finished, or while the database was away).
                if (holder.Current is not { } current || await loader.LastChangeAsync(stoppingToken) > current.ChangeMark)
                {
                    refresher.Request(null);
                }

                backoff = TimeSpan.FromSeconds(1);
                logger.LogInformation("Listening for changes on {Channel}", SnapshotRefresher.Channel);
                _listening.TrySetResult();
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
                logger.LogWarning("Change listener lost the database ({Error}); retrying in {Delay} s", e.Message, backoff.TotalSeconds);
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

        await worker;
    }
}

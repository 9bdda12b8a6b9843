using System.Threading.Channels;
using Npgsql;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Keeps this process in step with writes made by others: LISTENs on a dedicated connection and rebuilds on each
/// notification (bursts coalesce into one rebuild). When the database goes away it retries with backoff, and on
/// reconnecting rebuilds if the change feed moved meanwhile. It never stops the host: reads go on from the last snapshot.
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

    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var worker = RebuildOnSignalAsync(stoppingToken);
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
                    if (e.Payload != refresher.InstanceId)
                    {
                        _pending.Writer.TryWrite(true);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {SnapshotRefresher.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Writes made while nobody listened (before start-up finished, or while the database was away).
                if (holder.Current is not { } current || await loader.LastChangeAsync(stoppingToken) > current.ChangeMark)
                {
                    _pending.Writer.TryWrite(true);
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

        _pending.Writer.TryComplete();
        await worker;
    }

    private async Task RebuildOnSignalAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await refresher.RebuildAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The listener's reconnect check will ask again once the database answers.
                    logger.LogWarning("Rebuilding the read model after a notification failed ({Error})", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

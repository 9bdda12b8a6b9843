using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PostTraining.Api.ReadModel;

public static class ReadModelSetup
{
    public static void AddReadModel(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SnapshotHolder>();
        builder.Services.AddSingleton<ReadReplica>();
        builder.Services.AddSingleton<PrimaryWal>();
        builder.Services.AddSingleton<SnapshotLoader>();
        builder.Services.AddSingleton<SnapshotRefresher>();
        builder.Services.AddSingleton<ISnapshotRefresher>(sp => sp.GetRequiredService<SnapshotRefresher>());
        // Registered in this order: the first snapshot is built before the listener starts and before Kestrel serves.
        builder.Services.AddHostedService<InitialSnapshot>();
        builder.Services.AddHostedService<SnapshotListener>();
    }

    /// <summary>Builds the first snapshot during host start-up, after migrations and seed loading; a failure stops the start.</summary>
    private sealed class InitialSnapshot(SnapshotRefresher refresher, ILogger<InitialSnapshot> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await refresher.RebuildAsync(null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogCritical(e, "Start-up failed while building the read model; the service will not start");
                throw;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// Ready to serve reads: the first snapshot exists (it then serves even while the database is down). The data names
/// the WAL position the snapshot reflects (<c>lsn</c>, the form tokens take) and where it was read (<c>origin</c>).
/// </summary>
internal sealed class SnapshotHealthCheck(SnapshotHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(holder.Current is { } snapshot
            ? HealthCheckResult.Healthy(
                $"Generation {snapshot.Generation} built {snapshot.BuiltAt:O}: {snapshot.NodeCount} entities, {snapshot.Relationships.Count} relationships.",
                new Dictionary<string, object>
                {
                    ["lsn"] = holder.Lsn.ToString(),
                    ["origin"] = holder.Origin == SnapshotOrigin.Replica ? "replica" : "primary",
                })
            : HealthCheckResult.Unhealthy("The read model is not built yet."));
}

using System.Diagnostics;
using Npgsql;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Rebuilds the snapshot from the database and swaps it in. Rebuilds run one at a time, and requests that arrive
/// while one runs are coalesced: a caller returns as soon as a rebuild that started after its request has finished,
/// which is exactly when that rebuild is sure to include the caller's committed write.
/// </summary>
public sealed class SnapshotRefresher(
    SnapshotLoader loader,
    SnapshotHolder holder,
    ISnapshotIndexFactory indexes,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<SnapshotRefresher> logger) : ISnapshotRefresher
{
    public const string Channel = "posttraining_changed";

    /// <summary>Sent as the notification payload, so this host skips its own notifications (per instance: tests run several hosts in one process).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>More change-feed entries than this since the last snapshot (a bulk load) are read with a full load instead.</summary>
    public const int DefaultMaxPatchChanges = 500;

    /// <summary>How many refreshes in this process were patches rather than full loads.</summary>
    public long Patches => Interlocked.Read(ref _patches);

    private long _patches;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _requested;
    private long _completed;
    private long _generation;

    /// <summary>Tells other processes, then rebuilds here; returns once this process serves the committed write.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await NotifyAsync();
        await RebuildAsync(cancellationToken);
    }

    /// <summary>Rebuilds without notifying: for start-up and for notifications from other processes.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        var ticket = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _completed) >= ticket)
            {
                return;
            }

            var covers = Volatile.Read(ref _requested);
            // Not the caller's token: a write has committed, and a client that hung up must not leave the snapshot stale.
            var snapshot = await PatchAsync(lifetime.ApplicationStopping) ?? await LoadAsync(lifetime.ApplicationStopping);
            if (holder.Current is null)
            {
                // Loading the first snapshot leaves hundreds of MB of garbage (rows in flight, builders) at 400k nodes,
                // and the GC keeps that memory committed. Nothing is served yet, so a full compacting collection that
                // gives it back to the system costs no request a pause.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            holder.Swap(snapshot);
            Volatile.Write(ref _completed, covers);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new snapshot from the previous one's rows and the few rows the change feed says were touched; null when only a full load will do.</summary>
    private async Task<TaxonomySnapshot?> PatchAsync(CancellationToken ct)
    {
        var maxChanges = configuration.GetValue("ReadModel:MaxPatchChanges", DefaultMaxPatchChanges);
        if (holder.Current is not { } current || maxChanges <= 0)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        var delta = await loader.LoadDeltaAsync(current, maxChanges, ct);
        if (delta is null)
        {
            return null;
        }

        Interlocked.Increment(ref _patches);
        var read = watch.Elapsed;
        // The index (the search index) is patched too where its factory can (e.g. the previous base plus the changed
        // nodes indexed again), else built whole.
        var snapshot = current.Patch(delta, Interlocked.Increment(ref _generation), indexes.Patch(current, delta) ?? indexes.Build);
        var built = watch.Elapsed;
        // Before the swap, so that no search ever waits for (or sees) an index being built.
        var index = snapshot.Index;
        logger.LogInformation(
            "Read model generation {Generation} patched from {Changes} changes: {Nodes} nodes, {Relationships} relationships; changed rows read in {ReadMs} ms, built in {BuildMs} ms, search index in {SearchMs} ms ({SearchKind})",
            snapshot.Generation, delta.ChangeCount, snapshot.NodeCount, snapshot.Relationships.Count,
            (int)read.TotalMilliseconds, (int)(built - read).TotalMilliseconds, (int)(watch.Elapsed - built).TotalMilliseconds,
            index?.Description);
        return snapshot;
    }

    private async Task<TaxonomySnapshot> LoadAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (source, changeMark) = await loader.LoadAsync(ct);
        var loaded = watch.Elapsed;
        var snapshot = TaxonomySnapshot.Build(source, Interlocked.Increment(ref _generation), changeMark, indexes.Build);
        var built = watch.Elapsed;
        // Before the swap, as above.
        _ = snapshot.Index;
        logger.LogInformation(
            "Read model generation {Generation} built: {Nodes} nodes, {Relationships} relationships; loaded in {LoadMs} ms, built in {BuildMs} ms, search index in {SearchMs} ms",
            snapshot.Generation, snapshot.NodeCount, snapshot.Relationships.Count,
            (int)loaded.TotalMilliseconds, (int)(built - loaded).TotalMilliseconds, (int)(watch.Elapsed - built).TotalMilliseconds);
        return snapshot;
    }

    private async Task NotifyAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
            await connection.OpenAsync(lifetime.ApplicationStopping);
            await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
            command.Parameters.AddWithValue(Channel);
            command.Parameters.AddWithValue(InstanceId);
            await command.ExecuteNonQueryAsync(lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The write itself committed; other processes catch up when their listener reconnects and sees the change feed moved.
            logger.LogWarning(e, "Could not notify other processes of a change");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Rebuilds the snapshot from the database and swaps it in. Rebuilds run one at a time, and requests that arrive
/// while one runs are coalesced: a caller returns as soon as a rebuild that started after its request has finished,
/// which is exactly when that rebuild is sure to include the caller's committed write.
/// With a read replica, a rebuild reads from it once it has replayed the WAL position the rebuild is for (the
/// largest one requested, never less than the current snapshot's, so snapshots never go back in time), waiting up to
/// <see cref="ReadReplica.WaitBound"/>; otherwise, and whenever the replica fails, from the primary.
/// </summary>
public sealed class SnapshotRefresher(
    SnapshotLoader loader,
    SnapshotHolder holder,
    ISnapshotIndexFactory indexes,
    ReadReplica replica,
    PrimaryWal primary,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<SnapshotRefresher> logger) : ISnapshotRefresher
{
    public const string Channel = "posttraining_changed";

    /// <summary>
    /// The start of the notification payload (<c>instance|lsn</c>), so this host skips its own notifications (per
    /// instance: tests run several hosts in one process). A payload of only an instance id (older writers) or of
    /// anything else (a hand-sent NOTIFY) still refreshes, with no known position.
    /// </summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>More change-feed entries than this since the last snapshot (a bulk load) are read with a full load instead.</summary>
    public const int DefaultMaxPatchChanges = 500;

    /// <summary>How many refreshes in this process were patches rather than full loads.</summary>
    public long Patches => Interlocked.Read(ref _patches);

    private long _patches;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _signals = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _requested;
    private long _completed;
    private long _generation;
    // The largest WAL position asked for (as ulong bits), and whether anyone asked without one.
    private long _wanted;
    private int _unexplained;

    /// <summary>Tells other processes, then rebuilds here; returns once this process serves the committed write.</summary>
    public async Task RefreshAsync(NpgsqlLogSequenceNumber? committed = null, CancellationToken cancellationToken = default)
    {
        await NotifyAsync(committed);
        await RebuildAsync(committed, cancellationToken);
    }

    /// <summary>
    /// Rebuilds without notifying: for start-up and for notifications from other processes. With a
    /// <paramref name="target"/>, the rebuild is done once the snapshot reflects it; without, it reloads.
    /// </summary>
    public async Task RebuildAsync(NpgsqlLogSequenceNumber? target = null, CancellationToken cancellationToken = default)
    {
        Want(target);
        await RebuildRequestedAsync(cancellationToken);
    }

    /// <summary>Asks for a rebuild that reaches <paramref name="target"/> in the background (a notification, a waiting token).</summary>
    public void Request(NpgsqlLogSequenceNumber? target)
    {
        Want(target);
        _signals.Writer.TryWrite(true);
    }

    /// <summary>Serves <see cref="Request"/>s until the host stops (run by the listener); bursts coalesce into one rebuild.</summary>
    public async Task ServeRequestsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _signals.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RebuildRequestedAsync(stoppingToken);
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

    private void Want(NpgsqlLogSequenceNumber? target)
    {
        if (target is not { } lsn)
        {
            Volatile.Write(ref _unexplained, 1);
            return;
        }

        var bits = unchecked((long)(ulong)lsn);
        for (var seen = Interlocked.Read(ref _wanted); (ulong)seen < (ulong)bits; seen = Interlocked.Read(ref _wanted))
        {
            if (Interlocked.CompareExchange(ref _wanted, bits, seen) == seen)
            {
                break;
            }
        }
    }

    private async Task RebuildRequestedAsync(CancellationToken cancellationToken)
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
            var unexplained = Interlocked.Exchange(ref _unexplained, 0) == 1;
            var wanted = new NpgsqlLogSequenceNumber(unchecked((ulong)Interlocked.Read(ref _wanted)));
            try
            {
                // Not the caller's token: a write has committed, and a client that hung up must not leave the snapshot stale.
                await RebuildAsync(wanted, unexplained, lifetime.ApplicationStopping);
            }
            catch
            {
                if (unexplained)
                {
                    Volatile.Write(ref _unexplained, 1);
                }

                throw;
            }

            Volatile.Write(ref _completed, covers);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RebuildAsync(NpgsqlLogSequenceNumber wanted, bool unexplained, CancellationToken ct)
    {
        var current = holder.Current;
        if (current is not null && !unexplained && holder.Lsn >= wanted)
        {
            return;
        }

        if (replica.IsConfigured)
        {
            var target = holder.Lsn > wanted ? holder.Lsn : wanted;
            if (unexplained && await primary.TryCurrentAsync(ct) is { } now && now > target)
            {
                target = now;
            }

            if (await replica.WaitForAsync(target, ct))
            {
                try
                {
                    await RebuildFromAsync(SnapshotOrigin.Replica, current, unexplained, ct);
                    return;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    replica.Failed(e);
                }
            }
        }

        await RebuildFromAsync(SnapshotOrigin.Primary, current, unexplained, ct);
    }

    private async Task RebuildFromAsync(SnapshotOrigin origin, TaxonomySnapshot? current, bool unexplained, CancellationToken ct)
    {
        var (snapshot, lsn) = await PatchAsync(origin, current, unexplained, ct) ?? await LoadAsync(origin, ct);
        if (current is null)
        {
            // Loading the first snapshot leaves hundreds of MB of garbage (rows in flight, builders) at 400k nodes,
            // and the GC keeps that memory committed. Nothing is served yet, so a full compacting collection that
            // gives it back to the system costs no request a pause.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        holder.Swap(snapshot, lsn, origin);
    }

    /// <summary>
    /// A new snapshot from the previous one's rows and the few rows the change feed says were touched (the same
    /// snapshot when it says nothing changed and the refresh was for a known position); null when only a full load will do.
    /// </summary>
    private async Task<(TaxonomySnapshot Snapshot, NpgsqlLogSequenceNumber Lsn)?> PatchAsync(
        SnapshotOrigin origin, TaxonomySnapshot? current, bool unexplained, CancellationToken ct)
    {
        var maxChanges = configuration.GetValue("ReadModel:MaxPatchChanges", DefaultMaxPatchChanges);
        if (current is null || maxChanges <= 0)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        var read = await loader.LoadDeltaAsync(current, maxChanges, origin, ct);
        if (read.Unchanged && !unexplained)
        {
            // E.g. a token of a key write: nothing the snapshot holds changed up to this position.
            return (current, read.Lsn);
        }

        if (read.Delta is not { } delta)
        {
            return null;
        }

        Interlocked.Increment(ref _patches);
        var readTime = watch.Elapsed;
        // The index (the search index) is patched too where its factory can (e.g. the previous base plus the changed
        // nodes indexed again), else built whole.
        var snapshot = current.Patch(delta, Interlocked.Increment(ref _generation), indexes.Patch(current, delta) ?? indexes.Build);
        var built = watch.Elapsed;
        // Before the swap, so that no search ever waits for (or sees) an index being built.
        var index = snapshot.Index;
        logger.LogInformation(
            "Read model generation {Generation} patched from {Changes} changes at {Lsn} ({Origin}): {Nodes} nodes, {Relationships} relationships; changed rows read in {ReadMs} ms, built in {BuildMs} ms, search index in {SearchMs} ms ({SearchKind})",
            snapshot.Generation, delta.ChangeCount, read.Lsn, origin, snapshot.NodeCount, snapshot.Relationships.Count,
            (int)readTime.TotalMilliseconds, (int)(built - readTime).TotalMilliseconds, (int)(watch.Elapsed - built).TotalMilliseconds,
            index?.Description);
        return (snapshot, read.Lsn);
    }

    private async Task<(TaxonomySnapshot Snapshot, NpgsqlLogSequenceNumber Lsn)> LoadAsync(SnapshotOrigin origin, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var read = await loader.LoadAsync(origin, ct);
        var loaded = watch.Elapsed;
        var snapshot = TaxonomySnapshot.Build(read.Source, Interlocked.Increment(ref _generation), read.ChangeMark, indexes.Build);
        var built = watch.Elapsed;
        // Before the swap, as above.
        _ = snapshot.Index;
        logger.LogInformation(
            "Read model generation {Generation} built at {Lsn} ({Origin}): {Nodes} nodes, {Relationships} relationships; loaded in {LoadMs} ms, built in {BuildMs} ms, search index in {SearchMs} ms",
            snapshot.Generation, read.Lsn, origin, snapshot.NodeCount, snapshot.Relationships.Count,
            (int)loaded.TotalMilliseconds, (int)(built - loaded).TotalMilliseconds, (int)(watch.Elapsed - built).TotalMilliseconds);
        return (snapshot, read.Lsn);
    }

    /// <summary>The payload other processes read: this instance, then the WAL position after the commit when known.</summary>
    public string Payload(NpgsqlLogSequenceNumber? committed) =>
        committed is { } lsn ? string.Create(CultureInfo.InvariantCulture, $"{InstanceId}|{lsn}") : InstanceId;

    /// <summary>Reads a payload: whether this instance sent it, and the position it names, if any.</summary>
    public (bool Own, NpgsqlLogSequenceNumber? Lsn) Parse(string payload)
    {
        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        var instance = bar < 0 ? payload : payload[..bar];
        NpgsqlLogSequenceNumber? lsn = bar >= 0 && NpgsqlLogSequenceNumber.TryParse(payload.AsSpan(bar + 1), out var parsed) ? parsed : null;
        return (instance == InstanceId, lsn);
    }

    private async Task NotifyAsync(NpgsqlLogSequenceNumber? committed)
    {
        try
        {
            // After the commit, on a connection of its own: a NOTIFY inside the transaction could not know its commit LSN.
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
            await connection.OpenAsync(lifetime.ApplicationStopping);
            await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
            command.Parameters.AddWithValue(Channel);
            command.Parameters.AddWithValue(Payload(committed));
            await command.ExecuteNonQueryAsync(lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The write itself committed; other processes catch up when their listener reconnects and sees the change feed moved.
            logger.LogWarning(e, "Could not notify other processes of a change");
        }
    }
}

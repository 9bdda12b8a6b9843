using System.Diagnostics.CodeAnalysis;
using NpgsqlTypes;
using PostTraining.Api.Observability;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Holds the current snapshot with the WAL position (LSN) it reflects. Readers take the reference once per request
/// and use that snapshot throughout, so a request never mixes two versions; a refresh swaps in a new one atomically.
/// The LSN only moves forward, so a reader that saw it at or past a token is served a snapshot that includes it.
/// </summary>
public sealed class SnapshotHolder
{
    private Published? _current;
    private TaskCompletionSource _swapped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The current snapshot, or null before the first one is built.</summary>
    public TaxonomySnapshot? Current => Volatile.Read(ref _current)?.Snapshot;

    /// <summary>The WAL position every commit up to which the current snapshot includes (0/0 before the first).</summary>
    public NpgsqlLogSequenceNumber Lsn => Volatile.Read(ref _current)?.Lsn ?? default;

    /// <summary>Where the current snapshot was read from.</summary>
    public SnapshotOrigin Origin => Volatile.Read(ref _current)?.Origin ?? SnapshotOrigin.Primary;

    public bool TryGet([NotNullWhen(true)] out TaxonomySnapshot? snapshot)
    {
        snapshot = Current;
        return snapshot is not null;
    }

    /// <summary>The current snapshot; only for code that runs after start-up built the first one.</summary>
    public TaxonomySnapshot Required => Current ?? throw new InvalidOperationException("The read model is not built yet.");

    /// <summary>
    /// Completes when the next snapshot is swapped in (a write here or, through NOTIFY, in another process), for readers
    /// that wait for news instead of polling: take the task before reading what is new, then await it, and no swap
    /// between the two is missed. Knows nothing of who waits.
    /// </summary>
    public Task NextSwap => Volatile.Read(ref _swapped).Task;

    /// <summary>
    /// Publishes <paramref name="snapshot"/> as reflecting <paramref name="lsn"/>; the same snapshot again when the
    /// change feed held nothing new (only its LSN moves). The refresher never reads from a source behind the current LSN.
    /// </summary>
    public void Swap(TaxonomySnapshot snapshot, NpgsqlLogSequenceNumber lsn, SnapshotOrigin origin)
    {
        var previous = Volatile.Read(ref _current);
        Interlocked.Exchange(ref _current, new Published(snapshot, lsn, origin));
        if (!ReferenceEquals(previous?.Snapshot, snapshot))
        {
            Telemetry.SnapshotRebuilds.Add(1);
        }

        Interlocked.Exchange(ref _swapped, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until the published LSN reaches <paramref name="lsn"/>: true then, false when <paramref name="bound"/> passed first.</summary>
    public async Task<bool> WaitForAsync(NpgsqlLogSequenceNumber lsn, TimeSpan bound, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(bound);
        while (true)
        {
            // Taken before the check, so a swap between the check and the wait still wakes us.
            var swapped = Volatile.Read(ref _swapped).Task;
            if (Lsn >= lsn)
            {
                return true;
            }

            try
            {
                await swapped.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Lsn >= lsn;
            }
        }
    }

    private sealed record Published(TaxonomySnapshot Snapshot, NpgsqlLogSequenceNumber Lsn, SnapshotOrigin Origin);
}

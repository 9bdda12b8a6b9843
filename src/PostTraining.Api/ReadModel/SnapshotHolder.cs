using System.Diagnostics.CodeAnalysis;
using PostTraining.Api.Observability;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Holds the current snapshot. Readers take the reference once per request and use that snapshot throughout, so a
/// request never mixes two versions; a refresh swaps in a new one atomically.
/// </summary>
public sealed class SnapshotHolder
{
    private TaxonomySnapshot? _current;
    private TaskCompletionSource _nextSwap = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The current snapshot, or null before the first one is built.</summary>
    public TaxonomySnapshot? Current => Volatile.Read(ref _current);

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
    public Task NextSwap => Volatile.Read(ref _nextSwap).Task;

    public void Swap(TaxonomySnapshot snapshot)
    {
        Interlocked.Exchange(ref _current, snapshot);
        Telemetry.SnapshotRebuilds.Add(1);
        Interlocked.Exchange(ref _nextSwap, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

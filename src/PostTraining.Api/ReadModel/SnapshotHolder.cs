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

    /// <summary>The current snapshot, or null before the first one is built.</summary>
    public TaxonomySnapshot? Current => Volatile.Read(ref _current);

    public bool TryGet([NotNullWhen(true)] out TaxonomySnapshot? snapshot)
    {
        snapshot = Current;
        return snapshot is not null;
    }

    /// <summary>The current snapshot; only for code that runs after start-up built the first one.</summary>
    public TaxonomySnapshot Required => Current ?? throw new InvalidOperationException("The read model is not built yet.");

    /// <summary>Raised after each swap, for work that follows the snapshot (fanning changes out once it holds them).</summary>
    public event Action? Swapped;

    public void Swap(TaxonomySnapshot snapshot)
    {
        Interlocked.Exchange(ref _current, snapshot);
        Telemetry.SnapshotRebuilds.Add(1);
        Swapped?.Invoke();
    }
}

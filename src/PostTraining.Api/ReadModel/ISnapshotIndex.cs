namespace PostTraining.Api.ReadModel;

/// <summary>
/// Data derived from one snapshot that is costly to build (the search index). The snapshot holds it, made on first use
/// by the factory it was built with; the refresher makes it before swapping the snapshot in, so no request waits for
/// (or sees) one being built. The read model knows only this interface: the feature that needs the data implements it
/// and <see cref="ISnapshotIndexFactory"/>, and the composition root registers the factory.
/// </summary>
public interface ISnapshotIndex
{
    /// <summary>How it was made, for the refresh log (e.g. <c>full</c>, <c>overlay of 3 nodes</c>).</summary>
    string Description { get; }
}

/// <summary>Makes each snapshot's <see cref="ISnapshotIndex"/>; one is registered by the composition root.</summary>
public interface ISnapshotIndexFactory
{
    /// <summary>An index over every node of <paramref name="snapshot"/>.</summary>
    ISnapshotIndex Build(TaxonomySnapshot snapshot);

    /// <summary>
    /// How to make the index of the snapshot that <paramref name="delta"/> patches from <paramref name="previous"/>,
    /// reusing <paramref name="previous"/>'s index; null when it must be built whole (<see cref="Build"/>). Called before
    /// the new snapshot is built, with <paramref name="previous"/> still current.
    /// </summary>
    Func<TaxonomySnapshot, ISnapshotIndex>? Patch(TaxonomySnapshot previous, SnapshotDelta delta);
}

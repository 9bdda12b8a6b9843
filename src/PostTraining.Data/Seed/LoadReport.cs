namespace PostTraining.Data.Seed;

/// <summary>An entity the data files would change but that was changed since the loader last wrote it; left as it is.</summary>
public sealed record ProtectedEntity(string Kind, string Key, DateTimeOffset? UpdatedAt, DateTimeOffset? LoadedAt)
{
    public override string ToString() => LoadedAt is null
        ? $"{Kind} '{Key}' was created outside the data files; kept as it is"
        : $"{Kind} '{Key}' was changed at {UpdatedAt:u}, after the load at {LoadedAt:u}; kept as it is";
}

public sealed record KindCounts(int Created, int Updated, int Unchanged, int Protected);

/// <summary>What a load did, per entity kind, and which entities it left alone.</summary>
public sealed class LoadReport
{
    private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);

    public required string ContentHash { get; init; }
    public List<ProtectedEntity> Protected { get; } = [];

    public IReadOnlyDictionary<string, KindCounts> Counts =>
        _counts.ToDictionary(c => c.Key, c => new KindCounts(c.Value[0], c.Value[1], c.Value[2], c.Value[3]));

    public int Created => _counts.Values.Sum(c => c[0]);
    public int Updated => _counts.Values.Sum(c => c[1]);
    public int Unchanged => _counts.Values.Sum(c => c[2]);

    internal void Count(string kind, LoadOutcome outcome) =>
        (_counts.TryGetValue(kind, out var c) ? c : _counts[kind] = new int[4])[(int)outcome]++;

    public override string ToString() =>
        $"{Created} created, {Updated} updated, {Unchanged} unchanged, {Protected.Count} left alone (changed since loaded)";
}

internal enum LoadOutcome
{
    Created,
    Updated,
    Unchanged,
    Protected,
}

/// <summary>Progress of a load: how many entries of a kind are done.</summary>
public sealed record LoadProgress(string Kind, int Done, int Total);

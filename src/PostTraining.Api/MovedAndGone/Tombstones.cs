using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.ReadModel;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.MovedAndGone;

/// <summary>Old slugs (to the node now holding them) and deleted entities, as of one snapshot.</summary>
public sealed record TombstoneSet(IReadOnlyDictionary<(NodeKind Kind, string Slug), long> Renamed, IReadOnlySet<(string Kind, string Key)> Deleted);

/// <summary>
/// Answers "was this slug renamed, or this entity deleted?" for reads that miss the snapshot. The answer is loaded
/// once per snapshot (on the first miss) and memoised in it, so it can never outlive the data it describes and a
/// normal hit never touches the database.
/// </summary>
public sealed class Tombstones(IServiceScopeFactory scopes, ILogger<Tombstones> logger)
{
    public async Task<TombstoneSet?> ForAsync(TaxonomySnapshot snapshot)
    {
        var load = snapshot.Memo("writes:tombstones", _ => new Lazy<Task<TombstoneSet>>(LoadAsync, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await load.Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without them a miss is still a correct 404, just less helpful; the next snapshot tries again.
            logger.LogWarning(e, "Could not load renamed and deleted entities; misses answer 404");
            return null;
        }
    }

    private async Task<TombstoneSet> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var renamed = await db.SlugRedirects.AsNoTracking()
            .Select(r => new { r.Kind, r.OldSlug, r.NodeId })
            .ToListAsync();
        // An entity is gone when the feed's last entry on it is its deletion (a later create brings it back).
        var deleted = await db.Changes.AsNoTracking()
            .Where(c => c.Operation == ChangeOperations.Delete
                && !db.Changes.Any(later => later.EntityKind == c.EntityKind && later.EntityKey == c.EntityKey && later.Id > c.Id))
            .Select(c => new { c.EntityKind, c.EntityKey })
            .ToListAsync();
        return new TombstoneSet(
            renamed.ToDictionary(r => (r.Kind, r.OldSlug), r => r.NodeId),
            deleted.Select(d => (d.EntityKind, d.EntityKey)).ToHashSet());
    }
}

using Microsoft.EntityFrameworkCore;
using PostTraining.Api.ReadModel;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Changes;

/// <summary>
/// Reads the change feed through a <see cref="ChangeScope"/>, in batches, for the Atom feeds (newest first) and the
/// stream (oldest first). A subtree is decided in memory (<see cref="ChangeScope.Matches"/>), so a scan reads at most
/// <see cref="MaxScanned"/> rows per call and says where it stopped: a sparse scope gives a short page and a place to
/// go on from, never an unbounded query.
/// </summary>
internal static class ChangeScan
{
    public const int Batch = 500;
    public const int MaxScanned = 5_000;

    /// <param name="Entries">Matching entries in scan order.</param>
    /// <param name="Resume">The id to continue from (exclusive) when more rows may match; null when the feed is exhausted.</param>
    public sealed record Result(IReadOnlyList<ChangeEntry> Entries, long? Resume);

    /// <summary>Up to <paramref name="take"/> matching entries with ids below <paramref name="before"/> (all ids when null), newest first.</summary>
    public static async Task<Result> NewestFirstAsync(PostTrainingDbContext db, ChangeScope scope, TaxonomySnapshot snapshot, long? before, int take, CancellationToken ct)
    {
        var found = new List<ChangeEntry>();
        var position = before ?? long.MaxValue;
        var scanned = 0;
        while (scanned < MaxScanned)
        {
            var cut = position;
            var rows = await Filtered(db, scope).Where(c => c.Id < cut).OrderByDescending(c => c.Id).Take(Batch).ToListAsync(ct);
            foreach (var row in rows)
            {
                var entry = row.ToEntry();
                if (!scope.Matches(entry, snapshot))
                {
                    continue;
                }

                if (found.Count == take)
                {
                    // One more match exists below the page: the next page starts under the page's last entry.
                    return new Result(found, found[^1].Id);
                }

                found.Add(entry);
            }

            if (rows.Count < Batch)
            {
                return new Result(found, null);
            }

            scanned += rows.Count;
            position = rows[^1].Id;
        }

        return new Result(found, position);
    }

    /// <summary>Up to <paramref name="take"/> matching entries with ids above <paramref name="after"/>, oldest first; <c>Resume</c> is the last id read.</summary>
    public static async Task<Result> OldestFirstAsync(PostTrainingDbContext db, ChangeScope scope, TaxonomySnapshot snapshot, long after, int take, CancellationToken ct)
    {
        var found = new List<ChangeEntry>();
        var position = after;
        var scanned = 0;
        while (scanned < MaxScanned && found.Count < take)
        {
            var cut = position;
            var rows = await Filtered(db, scope).Where(c => c.Id > cut).OrderBy(c => c.Id).Take(Math.Min(Batch, take)).ToListAsync(ct);
            foreach (var row in rows)
            {
                var entry = row.ToEntry();
                position = row.Id;
                if (scope.Matches(entry, snapshot))
                {
                    found.Add(entry);
                }
            }

            if (rows.Count == 0)
            {
                break;
            }

            scanned += rows.Count;
        }

        return new Result(found, position);
    }

    /// <summary>The last id of the feed (0 when empty): where a stream without Last-Event-ID starts.</summary>
    public static async Task<long> LastIdAsync(PostTrainingDbContext db, CancellationToken ct) =>
        await db.Changes.MaxAsync(c => (long?)c.Id, ct) ?? 0;

    /// <summary>The kind filters the database can apply itself; the rest is <see cref="ChangeScope.Matches"/>'s.</summary>
    private static IQueryable<Change> Filtered(PostTrainingDbContext db, ChangeScope scope)
    {
        var query = db.Changes.AsNoTracking();
        if (scope.Kind is { } kind)
        {
            query = query.Where(c => c.EntityKind == kind);
        }

        if (scope.EntityKind is { } entityKind)
        {
            query = query.Where(c => c.EntityKind == entityKind);
        }

        return query;
    }
}

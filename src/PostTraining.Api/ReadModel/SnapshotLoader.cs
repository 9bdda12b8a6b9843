using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Reads everything the snapshot needs in a fixed number of set-based queries (one per node kind with its own
/// columns, one per link table), inside one read-only REPEATABLE READ transaction so the rows agree with each other.
/// The queries are compiled once: a refresh after every write runs them often. Each read names its origin: the primary
/// (through the DI context) or the read replica (<see cref="ReadReplica"/>), and records the WAL position it reflects.
/// </summary>
public sealed class SnapshotLoader(IServiceScopeFactory scopes, ReadReplica replica, ILogger<SnapshotLoader> logger)
{
    /// <summary>Number of SQL commands one load sends besides the transaction's own; the no-N+1 test holds us to it.</summary>
    public const int QueryCount = 13;

    // Every node query takes the ids to read, or null for all of them (a full load).
    private static readonly Func<PostTrainingDbContext, long[]?, IAsyncEnumerable<NodeRow>> Paradigms = EF.CompileAsyncQuery(
        (PostTrainingDbContext db, long[]? ids) => db.Paradigms.AsNoTracking().Where(p => ids == null || ids.Contains(p.Id)).Select(p => new NodeRow
        {
            Id = p.Id, Kind = p.Kind, Slug = p.Slug, NameEn = p.NameEn, NameZh = p.NameZh, Abbreviation = p.Abbreviation,
            Aliases = p.Aliases, DescriptionEn = p.DescriptionEn, DescriptionZh = p.DescriptionZh, Position = p.Position,
            ParentId = p.ParentId, Verified = p.Verified,
            Source = new SourceRow(p.Source.Kind, p.Source.Document, p.Source.Section, p.Source.ReferenceId, p.Source.Original),
            CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt, Version = p.Version,
            GoalEn = p.GoalEn, GoalZh = p.GoalZh,
        }));

    private static readonly Func<PostTrainingDbContext, long[]?, IAsyncEnumerable<NodeRow>> Models = EF.CompileAsyncQuery(
        (PostTrainingDbContext db, long[]? ids) => db.Models.AsNoTracking().Where(m => ids == null || ids.Contains(m.Id)).Select(m => new NodeRow
        {
            Id = m.Id, Kind = m.Kind, Slug = m.Slug, NameEn = m.NameEn, NameZh = m.NameZh, Abbreviation = m.Abbreviation,
            Aliases = m.Aliases, DescriptionEn = m.DescriptionEn, DescriptionZh = m.DescriptionZh, Position = m.Position,
            ParentId = m.ParentId, Verified = m.Verified,
            Source = new SourceRow(m.Source.Kind, m.Source.Document, m.Source.Section, m.Source.ReferenceId, m.Source.Original),
            CreatedAt = m.CreatedAt, UpdatedAt = m.UpdatedAt, Version = m.Version,
            Parameters = m.Parameters, Organization = m.Organization,
        }));

    // Datasets, limitations and applications have no columns of their own.
    private static readonly Func<PostTrainingDbContext, long[]?, IAsyncEnumerable<NodeRow>> OtherNodes = EF.CompileAsyncQuery(
        (PostTrainingDbContext db, long[]? ids) => db.Nodes.AsNoTracking()
            .Where(n => n.Kind == NodeKind.Dataset || n.Kind == NodeKind.Limitation || n.Kind == NodeKind.Application)
            .Where(n => ids == null || ids.Contains(n.Id))
            .Select(n => new NodeRow
            {
                Id = n.Id, Kind = n.Kind, Slug = n.Slug, NameEn = n.NameEn, NameZh = n.NameZh, Abbreviation = n.Abbreviation,
                Aliases = n.Aliases, DescriptionEn = n.DescriptionEn, DescriptionZh = n.DescriptionZh, Position = n.Position,
                ParentId = n.ParentId, Verified = n.Verified,
                Source = new SourceRow(n.Source.Kind, n.Source.Document, n.Source.Section, n.Source.ReferenceId, n.Source.Original),
                CreatedAt = n.CreatedAt, UpdatedAt = n.UpdatedAt, Version = n.Version,
            }));

    // Formulas keep their symbols in a JSON column, materialised through the owned type.
    private static readonly Func<PostTrainingDbContext, long[]?, IAsyncEnumerable<Formula>> Formulas = EF.CompileAsyncQuery(
        (PostTrainingDbContext db, long[]? ids) => db.Formulas.AsNoTracking().Where(f => ids == null || ids.Contains(f.Id)));

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<RelationTypeRow>> Types = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.RelationTypes.AsNoTracking().Select(t => new RelationTypeRow
        {
            Id = t.Id, Slug = t.Slug, NameEn = t.NameEn, NameZh = t.NameZh, InverseNameEn = t.InverseNameEn,
            InverseNameZh = t.InverseNameZh, DescriptionEn = t.DescriptionEn, DescriptionZh = t.DescriptionZh,
            Symmetric = t.Symmetric, Transitive = t.Transitive, Acyclic = t.Acyclic, Prerequisite = t.Prerequisite,
            CreatedAt = t.CreatedAt, Version = t.Version,
        }));

    // A comparison with its axes and rows: three commands (split), a few hundred rows in all.
    private static async Task<List<Comparison>> ReadComparisonsAsync(PostTrainingDbContext db, CancellationToken ct) =>
        await db.Comparisons.AsNoTracking().Include(c => c.Axes).Include(c => c.Rows).AsSplitQuery().OrderBy(c => c.Id).ToListAsync(ct);

    private static readonly Func<PostTrainingDbContext, Task<long?>> LastChange = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Changes.Max(c => (long?)c.Id));

    /// <summary>A full load from the primary (the CLI's and the tests' entry point).</summary>
    public async Task<(SnapshotSource Source, long ChangeMark)> LoadAsync(CancellationToken ct)
    {
        var read = await LoadAsync(SnapshotOrigin.Primary, ct);
        return (read.Source, read.ChangeMark);
    }

    public async Task<SnapshotRead> LoadAsync(SnapshotOrigin origin, CancellationToken ct) =>
        await WithContextAsync(origin, db => LoadAsync(db, ct));

    private async Task<SnapshotRead> LoadAsync(PostTrainingDbContext db, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            var lsn = await PositionAsync(db, cancel);
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel);
            var changeMark = await LastChange(db) ?? 0;
            // Phase times at Debug: at 100k techniques the load is most of a rebuild, and this says which table to blame.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var phases = new List<string>();
            void Phase(string name)
            {
                phases.Add($"{name} {watch.ElapsedMilliseconds} ms");
                watch.Restart();
            }

            // The big tables by plain readers on the same connection and transaction (see RawRowReader).
            var raw = new RawRowReader((NpgsqlConnection)db.Database.GetDbConnection());
            var nodes = await ReadNodesAsync(db, raw, null, cancel);
            Phase("nodes");
            var links = await raw.ReadLinksAsync(null, cancel);
            Phase("links");
            var types = await ToListAsync(Types(db), cancel);
            var edges = await raw.ReadRelationshipsAsync(null, cancel);
            Phase("relationships");
            var comparisons = await ReadComparisonsAsync(db, cancel);
            Phase("comparisons");
            await transaction.CommitAsync(cancel);
            logger.LogDebug("Snapshot load: {Phases}", string.Join(", ", phases));
            return new SnapshotRead(new SnapshotSource(nodes, links, types, edges, comparisons), changeMark, lsn);
        }, ct);
    }

    /// <summary>
    /// The rows that changed since <paramref name="current"/> was read, found through the change feed, or null when
    /// only a full load will do: more than <paramref name="maxChanges"/> entries or an entity kind a patch does not
    /// cover (relation types). No entries at all is <see cref="DeltaRead.Unchanged"/>; whether that explains the
    /// refresh (or a change made outside the API needs a full load) is the caller's call.
    /// </summary>
    public async Task<DeltaRead> LoadDeltaAsync(TaxonomySnapshot current, int maxChanges, SnapshotOrigin origin, CancellationToken ct) =>
        await WithContextAsync(origin, db => LoadDeltaAsync(db, current, maxChanges, ct));

    private static async Task<DeltaRead> LoadDeltaAsync(PostTrainingDbContext db, TaxonomySnapshot current, int maxChanges, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            var lsn = await PositionAsync(db, cancel);
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel);
            var mark = current.ChangeMark;
            var changes = await db.Changes.AsNoTracking()
                .Where(c => c.Id > mark)
                .OrderBy(c => c.Id)
                .Take(maxChanges + 1)
                .Select(c => new { c.Id, c.EntityKind, c.EntityKey })
                .ToListAsync(cancel);
            if (changes.Count == 0 || changes.Count > maxChanges)
            {
                return new DeltaRead(null, changes.Count == 0, lsn);
            }

            // Entities are named by slug (nodes), id (relationships) or "technique/reference" (links). A node is re-read
            // by its id in this snapshot (a rename or delete keeps it) and by its slug in the database (a create).
            var nodeIds = new HashSet<long>();
            var slugs = new HashSet<string>(StringComparer.Ordinal);
            var relationshipIds = new HashSet<long>();
            var linkSlugs = new HashSet<string>(StringComparer.Ordinal);
            var comparisonsChanged = false;
            foreach (var change in changes)
            {
                if (NodeKinds.TryParse(change.EntityKind, out var kind))
                {
                    slugs.Add(change.EntityKey);
                    if (current.TryGetNode(kind, change.EntityKey, out var node))
                    {
                        nodeIds.Add(node.Id);
                    }
                }
                else if (change.EntityKind == Changes.ChangeKinds.Relationship && long.TryParse(change.EntityKey, out var relationshipId))
                {
                    relationshipIds.Add(relationshipId);
                }
                else if (change.EntityKind == Changes.ChangeKinds.TechniqueReference && change.EntityKey.Split('/') is [var technique, _])
                {
                    linkSlugs.Add(technique);
                }
                else if (change.EntityKind == Changes.ChangeKinds.Comparison)
                {
                    comparisonsChanged = true;
                }
                else
                {
                    return new DeltaRead(null, false, lsn);
                }
            }

            var slugList = slugs.Concat(linkSlugs).ToArray();
            var byKind = await db.Nodes.AsNoTracking()
                .Where(n => slugList.Contains(n.Slug))
                .Select(n => new { n.Id, n.Kind, n.Slug })
                .ToListAsync(cancel);
            nodeIds.UnionWith(byKind.Where(n => slugs.Contains(n.Slug)).Select(n => n.Id));
            var linkTechniqueIds = byKind.Where(n => n.Kind == NodeKind.Technique && linkSlugs.Contains(n.Slug)).Select(n => n.Id).ToHashSet();
            foreach (var slug in linkSlugs)
            {
                if (current.TryGetNode(NodeKind.Technique, slug, out var technique))
                {
                    linkTechniqueIds.Add(technique.Id);
                }
            }

            var raw = new RawRowReader((NpgsqlConnection)db.Database.GetDbConnection());
            var nodes = await ReadNodesAsync(db, raw, nodeIds.ToArray(), cancel);
            var links = linkTechniqueIds.Count == 0 ? [] : await raw.ReadLinksAsync(linkTechniqueIds.ToArray(), cancel);
            var edges = relationshipIds.Count == 0 ? [] : await raw.ReadRelationshipsAsync(relationshipIds.ToArray(), cancel);
            var comparisons = comparisonsChanged ? await ReadComparisonsAsync(db, cancel) : null;
            await transaction.CommitAsync(cancel);
            return new DeltaRead(
                new SnapshotDelta(changes[^1].Id, changes.Count, nodeIds, nodes, relationshipIds, edges, linkTechniqueIds, links, comparisons),
                false, lsn);
        }, ct);
    }

    /// <summary>Runs a read on the primary's pooled context or on a context of the replica's.</summary>
    private async Task<T> WithContextAsync<T>(SnapshotOrigin origin, Func<PostTrainingDbContext, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        var primary = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        if (origin == SnapshotOrigin.Replica)
        {
            await using var db = replica.CreateContext(primary.Model);
            return await read(db);
        }

        return await read(primary);
    }

    /// <summary>
    /// The WAL position, read on the load's connection before its transaction takes its MVCC snapshot, so every commit
    /// up to it is in the rows: a standby publishes a replay position only once the record is applied, and the commits
    /// a token or notification asks for had returned before it was handed out.
    /// </summary>
    private static async Task<NpgsqlLogSequenceNumber> PositionAsync(PostTrainingDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(ReadReplica.PositionSql, (NpgsqlConnection)db.Database.GetDbConnection());
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Nodes of every kind: all of them, or those with the given ids.</summary>
    private static async Task<List<NodeRow>> ReadNodesAsync(PostTrainingDbContext db, RawRowReader raw, long[]? ids, CancellationToken cancel)
    {
        var nodes = new List<NodeRow>();
        foreach (var query in new[] { Paradigms, Models, OtherNodes })
        {
            await foreach (var row in query(db, ids).WithCancellation(cancel))
            {
                nodes.Add(row);
            }
        }

        await raw.ReadTechniquesAsync(nodes, ids, cancel);
        await raw.ReadReferencesAsync(nodes, ids, cancel);
        await foreach (var f in Formulas(db, ids).WithCancellation(cancel))
        {
            nodes.Add(new NodeRow
            {
                Id = f.Id, Kind = f.Kind, Slug = f.Slug, NameEn = f.NameEn, NameZh = f.NameZh, Abbreviation = f.Abbreviation,
                Aliases = f.Aliases, DescriptionEn = f.DescriptionEn, DescriptionZh = f.DescriptionZh, Position = f.Position,
                ParentId = f.ParentId, Verified = f.Verified,
                Source = new SourceRow(f.Source.Kind, f.Source.Document, f.Source.Section, f.Source.ReferenceId, f.Source.Original),
                CreatedAt = f.CreatedAt, UpdatedAt = f.UpdatedAt, Version = f.Version,
                Latex = f.Latex, TechniqueId = f.TechniqueId,
                Symbols = f.Symbols.Select(s => new SymbolRow(s.Symbol, s.MeaningEn, s.MeaningZh)).ToArray(),
            });
        }

        return nodes;
    }

    /// <summary>The id of the latest change-feed entry: a cheap way to tell whether a snapshot missed a write.</summary>
    public async Task<long> LastChangeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        ct.ThrowIfCancellationRequested();
        return await LastChange(db) ?? 0;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(ct))
        {
            list.Add(item);
        }

        return list;
    }
}

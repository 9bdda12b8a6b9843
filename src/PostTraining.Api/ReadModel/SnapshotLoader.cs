using System.Data;
using Microsoft.EntityFrameworkCore;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Reads everything the snapshot needs in a fixed number of set-based queries (one per node kind with its own
/// columns, one per link table), inside one read-only REPEATABLE READ transaction so the rows agree with each other.
/// The queries are compiled once: a refresh after every write runs them often.
/// </summary>
public sealed class SnapshotLoader(IServiceScopeFactory scopes)
{
    /// <summary>Number of SQL commands one load sends besides the transaction's own; the no-N+1 test holds us to it.</summary>
    public const int QueryCount = 10;

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<NodeRow>> Paradigms = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Paradigms.AsNoTracking().Select(p => new NodeRow
        {
            Id = p.Id, Kind = p.Kind, Slug = p.Slug, NameEn = p.NameEn, NameZh = p.NameZh, Abbreviation = p.Abbreviation,
            Aliases = p.Aliases, DescriptionEn = p.DescriptionEn, DescriptionZh = p.DescriptionZh, Position = p.Position,
            ParentId = p.ParentId, Verified = p.Verified,
            Source = new SourceRow(p.Source.Kind, p.Source.Document, p.Source.Section, p.Source.ReferenceId, p.Source.Original),
            CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt, Version = p.Version,
            GoalEn = p.GoalEn, GoalZh = p.GoalZh,
        }));

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<NodeRow>> Techniques = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Techniques.AsNoTracking().Select(t => new NodeRow
        {
            Id = t.Id, Kind = t.Kind, Slug = t.Slug, NameEn = t.NameEn, NameZh = t.NameZh, Abbreviation = t.Abbreviation,
            Aliases = t.Aliases, DescriptionEn = t.DescriptionEn, DescriptionZh = t.DescriptionZh, Position = t.Position,
            ParentId = t.ParentId, Verified = t.Verified,
            Source = new SourceRow(t.Source.Kind, t.Source.Document, t.Source.Section, t.Source.ReferenceId, t.Source.Original),
            CreatedAt = t.CreatedAt, UpdatedAt = t.UpdatedAt, Version = t.Version,
            ParadigmId = t.ParadigmId, TechniqueKind = t.TechniqueKind, Year = t.Year, LacksReference = t.LacksReference,
        }));

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<NodeRow>> References = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.References.AsNoTracking().Select(r => new NodeRow
        {
            Id = r.Id, Kind = r.Kind, Slug = r.Slug, NameEn = r.NameEn, NameZh = r.NameZh, Abbreviation = r.Abbreviation,
            Aliases = r.Aliases, DescriptionEn = r.DescriptionEn, DescriptionZh = r.DescriptionZh, Position = r.Position,
            ParentId = r.ParentId, Verified = r.Verified,
            Source = new SourceRow(r.Source.Kind, r.Source.Document, r.Source.Section, r.Source.ReferenceId, r.Source.Original),
            CreatedAt = r.CreatedAt, UpdatedAt = r.UpdatedAt, Version = r.Version,
            Year = r.Year, Authors = r.Authors, Venue = r.Venue, Url = r.Url, ArxivId = r.ArxivId, Language = r.Language,
        }));

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<NodeRow>> Models = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Models.AsNoTracking().Select(m => new NodeRow
        {
            Id = m.Id, Kind = m.Kind, Slug = m.Slug, NameEn = m.NameEn, NameZh = m.NameZh, Abbreviation = m.Abbreviation,
            Aliases = m.Aliases, DescriptionEn = m.DescriptionEn, DescriptionZh = m.DescriptionZh, Position = m.Position,
            ParentId = m.ParentId, Verified = m.Verified,
            Source = new SourceRow(m.Source.Kind, m.Source.Document, m.Source.Section, m.Source.ReferenceId, m.Source.Original),
            CreatedAt = m.CreatedAt, UpdatedAt = m.UpdatedAt, Version = m.Version,
            Parameters = m.Parameters, Organization = m.Organization,
        }));

    // Datasets, limitations and applications have no columns of their own.
    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<NodeRow>> OtherNodes = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Nodes.AsNoTracking()
            .Where(n => n.Kind == NodeKind.Dataset || n.Kind == NodeKind.Limitation || n.Kind == NodeKind.Application)
            .Select(n => new NodeRow
            {
                Id = n.Id, Kind = n.Kind, Slug = n.Slug, NameEn = n.NameEn, NameZh = n.NameZh, Abbreviation = n.Abbreviation,
                Aliases = n.Aliases, DescriptionEn = n.DescriptionEn, DescriptionZh = n.DescriptionZh, Position = n.Position,
                ParentId = n.ParentId, Verified = n.Verified,
                Source = new SourceRow(n.Source.Kind, n.Source.Document, n.Source.Section, n.Source.ReferenceId, n.Source.Original),
                CreatedAt = n.CreatedAt, UpdatedAt = n.UpdatedAt, Version = n.Version,
            }));

    // Formulas keep their symbols in a JSON column, materialised through the owned type.
    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<Formula>> Formulas = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Formulas.AsNoTracking());

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<TechniqueReferenceRow>> Links = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.TechniqueReferences.AsNoTracking().Select(l => new TechniqueReferenceRow(l.TechniqueId, l.ReferenceId, l.Role)));

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<RelationTypeRow>> Types = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.RelationTypes.AsNoTracking().Select(t => new RelationTypeRow
        {
            Id = t.Id, Slug = t.Slug, NameEn = t.NameEn, NameZh = t.NameZh, InverseNameEn = t.InverseNameEn,
            InverseNameZh = t.InverseNameZh, DescriptionEn = t.DescriptionEn, DescriptionZh = t.DescriptionZh,
            Symmetric = t.Symmetric, Transitive = t.Transitive, Acyclic = t.Acyclic, Prerequisite = t.Prerequisite,
            CreatedAt = t.CreatedAt, Version = t.Version,
        }));

    private static readonly Func<PostTrainingDbContext, IAsyncEnumerable<RelationshipRow>> Edges = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Relationships.AsNoTracking().Select(r => new RelationshipRow
        {
            Id = r.Id, TypeId = r.TypeId, SourceId = r.SourceId, TargetId = r.TargetId, NoteEn = r.NoteEn, NoteZh = r.NoteZh,
            Verified = r.Verified,
            Source = new SourceRow(r.Source.Kind, r.Source.Document, r.Source.Section, r.Source.ReferenceId, r.Source.Original),
            CreatedAt = r.CreatedAt, UpdatedAt = r.UpdatedAt, Version = r.Version,
        }));

    private static readonly Func<PostTrainingDbContext, Task<long?>> LastChange = EF.CompileAsyncQuery(
        (PostTrainingDbContext db) => db.Changes.Max(c => (long?)c.Id));

    public async Task<(SnapshotSource Source, long ChangeMark)> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel);
            var changeMark = await LastChange(db) ?? 0;
            var nodes = new List<NodeRow>();
            foreach (var query in new[] { Paradigms, Techniques, References, Models, OtherNodes })
            {
                await foreach (var row in query(db).WithCancellation(cancel))
                {
                    nodes.Add(row);
                }
            }

            await foreach (var f in Formulas(db).WithCancellation(cancel))
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

            var links = await ToListAsync(Links(db), cancel);
            var types = await ToListAsync(Types(db), cancel);
            var edges = await ToListAsync(Edges(db), cancel);
            await transaction.CommitAsync(cancel);
            return (new SnapshotSource(nodes, links, types, edges), changeMark);
        }, ct);
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

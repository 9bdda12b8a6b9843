using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data.Entities;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Seed;

/// <summary>Start-up loads the shipped seed and curated files into an empty database, once.</summary>
public sealed class SeedStartupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AfterStartUpEachKindHasOneRowPerEntryOfTheDataFiles()
    {
        var data = SeedDatabase.ShippedData();
        var expected = new Dictionary<NodeKind, int>
        {
            [NodeKind.Paradigm] = data.Paradigms.Count,
            [NodeKind.Technique] = data.Techniques.Count,
            [NodeKind.Reference] = data.References.Count,
            [NodeKind.Formula] = data.Formulas.Count,
            [NodeKind.Model] = data.Models.Count,
            [NodeKind.Dataset] = data.Datasets.Count,
            [NodeKind.Limitation] = data.Limitations.Count,
            [NodeKind.Application] = data.Applications.Count,
        };
        var actual = await SeedDatabase.WithDbAsync(api.Services, db =>
            db.Nodes.GroupBy(n => n.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));

        var (types, relationships, links, methods) = await SeedDatabase.WithDbAsync(api.Services, async db => (
            await db.RelationTypes.CountAsync(), await db.Relationships.CountAsync(), await db.TechniqueReferences.CountAsync(),
            await db.Techniques.CountAsync(t => t.TechniqueKind == TechniqueKind.Method)));
        Assert.Equal(data.RelationTypes.Count, types);
        Assert.Equal(data.Relationships.Count, relationships);
        Assert.Equal(data.Techniques.Sum(t => t.Entry.References?.Count ?? 0), links);
        Assert.Equal(data.Techniques.Count(t => t.Entry.Kind == "method"), methods);
    }

    [Fact]
    public async Task TheDocumentsEntitiesAreAllThereWithTheirProvenance()
    {
        var seed = SeedDatabase.ShippedData().Files[0].Content;
        var (paradigms, techniques) = await SeedDatabase.WithDbAsync(api.Services, async db => (
            await db.Paradigms.AsNoTracking().OrderBy(p => p.Position).ToListAsync(),
            await db.Techniques.AsNoTracking().Include(t => t.Paradigm).Where(t => t.Source.Kind == SourceKind.Document).ToListAsync()));
        Assert.Equal(seed.Paradigms!.Select(p => p.Slug), paradigms.Select(p => p.Slug));
        Assert.All(paradigms, p =>
        {
            Assert.Equal(SourceKind.Document, p.Source.Kind);
            Assert.Equal(seed.Document!.Title, p.Source.Document);
            Assert.Equal("LLM Post-training 范式", p.Source.Section);
            Assert.NotNull(p.GoalZh);
        });
        Assert.Equal(
            seed.Techniques!.Select(t => $"{t.Slug}@{t.Paradigm}").Order(StringComparer.Ordinal),
            techniques.Select(t => $"{t.Slug}@{t.Paradigm.Slug}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheSurveyReferenceKeepsTheDecodedUrlAndTheOriginalLink()
    {
        var survey = await SeedDatabase.WithDbAsync(api.Services, db => db.References.AsNoTracking().SingleAsync(r => r.Slug == "arxiv-2503-06072"));
        Assert.Equal("https://arxiv.org/pdf/2503.06072v1", survey.Url);
        Assert.Equal("2503.06072", survey.ArxivId);
        Assert.Equal("https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/2503.06072v1", survey.Source.Original);
        Assert.Equal("参考", survey.Source.Section);
    }

    [Fact]
    public async Task CuratedEntitiesSayTheyComeFromTheCuratedFile()
    {
        var data = SeedDatabase.ShippedData();
        var curatedOnly = data.Techniques.First(t => !t.FromDocument && t.Entry.References is { Count: > 0 });
        var technique = await SeedDatabase.WithDbAsync(api.Services, db => db.Techniques.AsNoTracking().SingleAsync(t => t.Slug == curatedOnly.Key));
        Assert.Equal(SourceKind.Curated, technique.Source.Kind);
        Assert.Equal(DataFiles.CuratedFileName, technique.Source.Document);
        Assert.NotNull(technique.Source.ReferenceId);
        Assert.NotNull(technique.LoadedAt);
    }

    [Fact]
    public async Task EveryParadigmAndTechniqueHasAnEnglishAndAChineseName()
    {
        var nodes = await SeedDatabase.WithDbAsync(api.Services, db => db.Nodes.AsNoTracking()
            .Where(n => n.Kind == NodeKind.Paradigm || (n is Technique && ((Technique)n).TechniqueKind == TechniqueKind.Technique))
            .Select(n => new { n.Slug, n.NameEn, n.NameZh }).ToListAsync());
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n => Assert.True(!string.IsNullOrWhiteSpace(n.NameEn) && !string.IsNullOrWhiteSpace(n.NameZh), $"{n.Slug} lacks a name"));
    }

    [Fact]
    public async Task EveryMethodHasAReferenceOrIsMarkedAsLackingOne()
    {
        var unreferenced = await SeedDatabase.WithDbAsync(api.Services, db => db.Techniques.AsNoTracking()
            .Where(t => t.TechniqueKind == TechniqueKind.Method && !t.LacksReference && !t.References.Any())
            .Select(t => t.Slug).ToListAsync());
        Assert.Empty(unreferenced);
    }

    [Fact]
    public async Task EveryLoadedEntityHasOneCreateChangeByTheImporter()
    {
        var (changes, nodes) = await SeedDatabase.WithDbAsync(api.Services, async db => (
            await db.Changes.AsNoTracking().Where(c => c.Author == SeedLoader.Author).Select(c => new { c.Operation, c.EntityKind, c.EntityKey }).ToListAsync(),
            await db.Nodes.AsNoTracking().Select(n => new { n.Kind, n.Slug }).ToListAsync()));
        Assert.All(changes, c => Assert.Equal("create", c.Operation));
        var nodeChanges = changes.Where(c => c.EntityKind is not ("relation-type" or "relationship" or "technique-reference" or "comparison"))
            .Select(c => $"{c.EntityKind}:{c.EntityKey}").Order(StringComparer.Ordinal);
        Assert.Equal(nodes.Select(n => $"{n.Kind.ToString().ToLowerInvariant()}:{n.Slug}").Order(StringComparer.Ordinal), nodeChanges);
    }

    [Fact]
    public async Task ASecondLoadOfTheSameFilesChangesNoRow()
    {
        var before = await SeedDatabase.RowVersionsAsync(api.Services);
        var report = await SeedDatabase.LoadAsync(api.Services, SeedDatabase.ShippedData());
        Assert.Equal((0, 0), (report.Created, report.Updated));
        Assert.Empty(report.Protected);
        Assert.Equal(before, await SeedDatabase.RowVersionsAsync(api.Services));
    }

    [Fact]
    public async Task ASecondStartOnTheLoadedDatabaseLoadsNothing()
    {
        var before = await SeedDatabase.RowVersionsAsync(api.Services);
        await using var second = new ApiFactory().UseDatabase(api.ConnectionString);
        await second.InitializeAsync();
        Assert.Equal(before, await SeedDatabase.RowVersionsAsync(second.Services));
    }
}

using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data.Entities;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Seed;

/// <summary>A re-load after the files changed updates what the loader owns, and only that.</summary>
public sealed class ReloadTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnEntityTheFilesChangeIsUpdatedWithABeforeAndAfterChange()
    {
        // The curated file's description of a limitation is edited; the loader owns the row, so it updates it.
        var original = await SeedDatabase.WithDbAsync(api.Services, db => db.Limitations.AsNoTracking().SingleAsync(l => l.Slug == "weak-domain-performance"));
        Assert.NotNull(original.DescriptionEn);
        var edited = "Edited: " + original.DescriptionEn;
        var dir = TempDataFiles.CopyOfShipped(curated => curated.Replace(Json(original.DescriptionEn!), Json(edited), StringComparison.Ordinal));

        var report = await SeedDatabase.LoadAsync(api.Services, DataSet.Load(DataFiles.Paths(dir)));

        Assert.Equal((0, 1), (report.Created, report.Updated));
        Assert.Equal(1, report.Counts["limitation"].Updated);
        var after = await SeedDatabase.WithDbAsync(api.Services, db => db.Limitations.AsNoTracking().SingleAsync(l => l.Slug == "weak-domain-performance"));
        Assert.Equal(edited, after.DescriptionEn);
        Assert.Equal(original.NameZh, after.NameZh);
        Assert.Equal(after.UpdatedAt, after.LoadedAt);
        Assert.True(after.LoadedAt > original.LoadedAt);
        var change = await SeedDatabase.WithDbAsync(api.Services, db => db.Changes.AsNoTracking()
            .Where(c => c.EntityKind == "limitation" && c.EntityKey == "weak-domain-performance" && c.Operation == "update").SingleAsync());
        Assert.Equal(SeedLoader.Author, change.Author);
        Assert.Equal(original.DescriptionEn, change.Before!.RootElement.GetProperty("description").GetProperty("en").GetString());
        Assert.Equal(edited, change.After!.RootElement.GetProperty("description").GetProperty("en").GetString());
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, PostTraining.Data.Seed.ContentJson.Options);

    [Fact]
    public async Task AnEntityCreatedOutsideTheFilesIsNeverTakenOver()
    {
        await SeedDatabase.WithDbAsync(api.Services, async db =>
        {
            db.Limitations.Add(new Limitation { Slug = "api-made", NameEn = "Made through the API", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var extra = TempDataFiles.Write("extra.json", """{ "limitations": [ { "slug": "api-made", "name": { "en": "From a file" } } ] }""");

        var report = await SeedDatabase.LoadAsync(api.Services, DataSet.Load([.. DataFiles.Paths(), extra]));

        Assert.Contains(report.Protected, p => p is { Kind: "limitation", Key: "api-made", LoadedAt: null });
        var row = await SeedDatabase.WithDbAsync(api.Services, db => db.Limitations.AsNoTracking().SingleAsync(l => l.Slug == "api-made"));
        Assert.Equal("Made through the API", row.NameEn);
    }
}

using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data.Entities;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Seed;

/// <summary>A re-load never overwrites what a curator changed after the last load; it reports it instead.</summary>
public sealed class CuratorEditTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnEntityChangedAfterTheLoadSurvivesAReloadUntouchedAndIsReported()
    {
        // A curator renames DPO's English name (as an API write would: new value, updated_at moves on).
        await SeedDatabase.WithDbAsync(api.Services, async db =>
        {
            var dpo = await db.Techniques.SingleAsync(t => t.Slug == "dpo");
            dpo.NameEn = "Direct preference optimisation (curated)";
            dpo.UpdatedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        var before = await SeedDatabase.RowVersionsAsync(api.Services);
        var changesBefore = await SeedDatabase.WithDbAsync(api.Services, db => db.Changes.CountAsync());

        var report = await SeedDatabase.LoadAsync(api.Services, SeedDatabase.ShippedData());

        var reported = Assert.Single(report.Protected);
        Assert.Equal(("technique", "dpo"), (reported.Kind, reported.Key));
        Assert.True(reported.UpdatedAt > reported.LoadedAt);
        Assert.Equal((0, 0), (report.Created, report.Updated));
        Assert.Equal(before, await SeedDatabase.RowVersionsAsync(api.Services));
        Assert.Equal(changesBefore, await SeedDatabase.WithDbAsync(api.Services, db => db.Changes.CountAsync()));
        var dpoAfter = await SeedDatabase.WithDbAsync(api.Services, db => db.Techniques.AsNoTracking().SingleAsync(t => t.Slug == "dpo"));
        Assert.Equal("Direct preference optimisation (curated)", dpoAfter.NameEn);
    }
}

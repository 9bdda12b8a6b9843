using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;

namespace PostTraining.Api.Tests.Reliability;

public sealed class UpgradeTests
{
    [Fact]
    public async Task AStartAgainstADatabaseOneMigrationBehindUpgradesIt()
    {
        var connectionString = await TestPostgres.NewDatabaseAsync("upgrade");
        await DataServiceCollectionExtensions.EnsureDatabaseExistsAsync(connectionString);
        var options = new DbContextOptionsBuilder<PostTrainingDbContext>();
        options.UsePostTrainingDatabase(connectionString);

        string[] all;
        await using (var db = new PostTrainingDbContext(options.Options))
        {
            all = db.Database.GetMigrations().ToArray();
            Assert.True(all.Length >= 2, "needs at least two migrations to be one behind");
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
            Assert.Equal(all[..^1], await db.Database.GetAppliedMigrationsAsync());
        }

        await using var api = new ApiFactory().UseDatabase(connectionString);
        await api.InitializeAsync();

        await using (var db = new PostTrainingDbContext(options.Options))
        {
            Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        }

        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/techniques/dpo")).StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;

namespace PostTraining.Api.Tests.Platform;

public sealed class StartupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task LiveHealthAnswers200()
    {
        var response = await api.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyHealthReportsTheDatabaseHealthy()
    {
        var response = await api.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task MigrationsAreAllAppliedToTheNewDatabase()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\" FROM pg_extension WHERE extname = 'pg_trgm'").AnyAsync());
    }

    [Fact]
    public void TheModelHasNoChangesThatNoMigrationCovers()
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model changed without a migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task ASecondStartOnTheSameDatabaseAppliesNothing()
    {
        var historyBefore = await CountHistoryRowsAsync(api.Services);
        await using var second = new ApiFactory().UseDatabase(api.ConnectionString);
        await second.InitializeAsync();
        var response = await second.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(historyBefore, await CountHistoryRowsAsync(second.Services));
    }

    [Fact]
    public async Task UnknownPathIsProblemJson404()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> CountHistoryRowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        return (await db.Database.GetAppliedMigrationsAsync()).Count();
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

public sealed class ReadModelRefreshTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AWriteIsServedOnceTheRefresherReturns()
    {
        var client = api.CreateClient();
        var before = await client.GetAsync("/api/v1/taxonomy");
        await InsertTechniqueAsync(api.Services, "refresh-probe");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/techniques/refresh-probe")).StatusCode);

        await api.Services.GetRequiredService<ISnapshotRefresher>().RefreshAsync();

        var probe = await client.GetJsonAsync("/api/v1/techniques/refresh-probe");
        Assert.Equal("alignment", probe.GetProperty("paradigm").Str("slug"));
        var after = await client.GetAsync("/api/v1/taxonomy");
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("refresh-probe", await after.Content.ReadAsStringAsync());
        Assert.True((await client.GetJsonAsync("/api/v1/search?q=refresh")).HasSlug("refresh-probe"));
    }

    [Fact]
    public async Task EntityETagForWritersIsTheETagGetServes()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/techniques/dpo");
        var snapshot = api.Services.GetRequiredService<SnapshotHolder>().Required;
        Assert.True(snapshot.TryGetEntity("technique", "dpo", out var entity));
        Assert.Equal(response.Headers.ETag!.Tag, EntityDetails.Of(snapshot, entity).ETag);
        Assert.NotEqual(0u, entity.Version);
    }

    [Fact]
    public async Task ReadsAndReadinessGoOnWhenTheDatabaseIsGone()
    {
        await using var doomed = new ApiFactory();
        await doomed.InitializeAsync();
        var client = doomed.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/techniques/dpo")).StatusCode);

        var database = new NpgsqlConnectionStringBuilder(doomed.ConnectionString).Database!;
        var server = await TestPostgres.GetAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", body.RootElement.Str("status"));
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").Str("status"));
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("readModel").Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/techniques/dpo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=dpo")).StatusCode);
    }

    [Fact]
    public async Task ReadinessNeedsTheFirstSnapshot()
    {
        var check = new SnapshotHealthCheck(new SnapshotHolder());
        var result = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
    }

    internal static async Task InsertTechniqueAsync(IServiceProvider services, string slug)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var alignment = db.Paradigms.Single(p => p.Slug == "alignment");
        var now = DateTimeOffset.UtcNow;
        db.Techniques.Add(new Technique
        {
            Slug = slug,
            NameEn = $"Refresh probe {slug}",
            NameZh = "探针",
            ParadigmId = alignment.Id,
            Source = new Provenance { Kind = SourceKind.Api },
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }
}

internal static class SearchResultExtensions
{
    public static bool HasSlug(this JsonElement results, string slug) =>
        results.GetProperty("items").EnumerateArray().Any(i => i.Str("slug") == slug);
}

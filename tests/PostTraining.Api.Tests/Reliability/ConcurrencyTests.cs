using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;

namespace PostTraining.Api.Tests.Reliability;

/// <summary>Racing writers: optimistic concurrency holds, slugs stay unique, feed, snapshot and database agree.</summary>
public sealed class ConcurrencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public const int Writers = 32;

    [Fact]
    public async Task ThirtyTwoWritersWithOneETagExactlyOneWins()
    {
        var client = Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/references", Reference("race-target", "original"))).StatusCode);
        var etag = (await client.GetAsync("/api/v1/references/race-target")).Headers.ETag!;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/references/race-target")
            {
                Content = new StringContent($"{{\"title\":\"written by writer {i}\"}}", Encoding.UTF8, "application/merge-patch+json"),
            };
            request.Headers.IfMatch.Add(etag);
            using var response = await Client().SendAsync(request);
            return (Writer: i, response.StatusCode);
        }));

        var winners = results.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));

        using var final = JsonDocument.Parse(await client.GetStringAsync("/api/v1/references/race-target"));
        Assert.Equal($"written by writer {winners[0].Writer}", final.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneSlugGiveOne201AndThe409s()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async i =>
        {
            using var response = await Client().PostAsJsonAsync("/api/v1/references", Reference("race-create", $"attempt {i}"));
            return response.StatusCode;
        }));

        Assert.Equal(1, results.Count(s => s == HttpStatusCode.Created));
        Assert.All(results.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
    }

    [Fact]
    public async Task ABurstOfMixedReadsAndWritesLeavesFeedSnapshotAndDatabaseConsistent()
    {
        var firstChange = await LastChangeIdAsync();
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = Enumerable.Range(0, 64).Select(async i =>
        {
            var client = Client();
            if (i % 2 == 0)
            {
                var slug = $"burst-{i}";
                using var response = await client.PostAsJsonAsync("/api/v1/references", Reference(slug, $"burst paper {i}"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                created.Add(slug);
            }
            else
            {
                using var response = await client.GetAsync(i % 4 == 1 ? "/api/v1/taxonomy" : "/api/v1/search?q=burst");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        });
        await Task.WhenAll(tasks);

        // Snapshot (what GET serves) has every acknowledged write.
        foreach (var slug in created)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/api/v1/references/{slug}")).StatusCode);
        }

        // Database has exactly those rows, and the feed one create entry for each, no more.
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var inDatabase = await db.References.Where(r => r.Slug.StartsWith("burst-")).Select(r => r.Slug).ToListAsync();
        Assert.Equal(created.Order(), inDatabase.Order());
        var feed = await db.Changes.Where(c => c.Id > firstChange && c.EntityKind == "reference").ToListAsync();
        Assert.Equal(created.Order(), feed.Where(c => c.Operation == "create").Select(c => c.EntityKey).Order());
        Assert.Equal(feed.Count, feed.Select(c => c.Id).Distinct().Count());
    }

    private async Task<long> LastChangeIdAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        return await db.Changes.MaxAsync(c => (long?)c.Id) ?? 0;
    }

    private HttpClient Client()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminKey);
        return client;
    }

    private static object Reference(string slug, string title) => new { slug, title, authors = new[] { "Grace Hopper" }, year = 2023 };
}

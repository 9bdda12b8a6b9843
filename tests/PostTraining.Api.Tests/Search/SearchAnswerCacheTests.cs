using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.ReadModel;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Search;

/// <summary>Search answers are kept per snapshot: repeated queries cost a lookup, and a write is still searchable at once.</summary>
public sealed class SearchAnswerCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ARepeatedQueryGetsTheSameBytesAndAWriteIsFoundByTheNextSearch()
    {
        var admin = api.AdminClient();
        var first = await admin.GetAsync("/api/v1/search?q=cacheprobe");
        var again = await admin.GetAsync("/api/v1/search?q=cacheprobe");
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.False((await admin.GetJsonAsync("/api/v1/search?q=cacheprobe")).HasSlug("cacheprobe-technique"));

        var created = await admin.PostJsonAsync("/api/v1/techniques", new { slug = "cacheprobe-technique", paradigm = "alignment", name = new { en = "Cacheprobe technique", zh = "缓存探针" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var after = await admin.GetAsync("/api/v1/search?q=cacheprobe");
        Assert.NotEqual(first.Headers.ETag, after.Headers.ETag);
        Assert.True((await admin.GetJsonAsync("/api/v1/search?q=cacheprobe")).HasSlug("cacheprobe-technique"));
    }

    [Fact]
    public async Task TheSameQueryWithKindsInAnotherOrderOrAnotherLimitIsAnsweredCorrectly()
    {
        var client = api.CreateClient();
        var a = await client.GetStringAsync("/api/v1/search?q=dpo&kind=technique,reference");
        var b = await client.GetStringAsync("/api/v1/search?q=dpo&kind=reference,technique");
        Assert.Equal(a, b);
        var one = await client.GetJsonAsync("/api/v1/search?q=dpo&limit=1");
        var five = await client.GetJsonAsync("/api/v1/search?q=dpo&limit=5");
        Assert.Equal(1, one.GetProperty("items").GetArrayLength());
        Assert.True(five.GetProperty("items").GetArrayLength() > 1);
    }

    [Fact]
    public void TheCacheIsBoundedAndStartsOverWhenFull()
    {
        var snapshot = api.Services.GetRequiredService<SnapshotHolder>().Required;
        // A kept answer is not made again.
        snapshot.Answer("bound-test kept", () => new PostTraining.Api.Http.CachedBody([1], "application/json"));
        snapshot.Answer<PostTraining.Api.Http.CachedBody>("bound-test kept", () => throw new InvalidOperationException("made twice"));
        var made = 0;
        for (var i = 0; i < TaxonomySnapshot.MaxCachedAnswers + 10; i++)
        {
            snapshot.Answer($"bound-test {i}", () =>
            {
                made++;
                return new PostTraining.Api.Http.CachedBody([1, 2, 3], "application/json");
            });
        }

        Assert.True(snapshot.CachedAnswerCount <= TaxonomySnapshot.MaxCachedAnswers, $"{snapshot.CachedAnswerCount} answers kept");
        Assert.Equal(TaxonomySnapshot.MaxCachedAnswers + 10, made);
    }
}

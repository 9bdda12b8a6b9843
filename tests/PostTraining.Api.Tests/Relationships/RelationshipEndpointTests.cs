using System.Net;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Relationships;

public sealed class RelationshipEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task FilterBySourceAndType()
    {
        var page = await _client.GetJsonAsync("/api/v1/relationships?source=technique:dpo&limit=200");
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("dpo", i.GetProperty("source").Str("slug")));
        var buildsOn = await _client.GetJsonAsync("/api/v1/relationships?source=dpo&type=builds-on&target=technique:rlhf");
        var edge = Assert.Single(buildsOn.GetProperty("items").EnumerateArray());
        Assert.Equal("builds on", edge.GetProperty("name").Str("en"));
        Assert.Equal("is a foundation of", edge.GetProperty("inverseName").Str("en"));

        var detail = await _client.GetJsonAsync(edge.Str("url")!);
        Assert.Equal(edge.GetProperty("id").GetInt64(), detail.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task PagingThroughAllRelationships()
    {
        var ids = new List<long>();
        for (string? next = "/api/v1/relationships?limit=30"; next is not null;)
        {
            var page = await _client.GetJsonAsync(next);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.Str("next");
        }

        Assert.True(ids.Count > 30);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task RelationTypesDeclareTheirSemantics()
    {
        var types = await _client.GetJsonAsync("/api/v1/relation-types");
        var variant = types.GetProperty("items").EnumerateArray().Single(t => t.Str("slug") == "variant-of");
        Assert.True(variant.GetProperty("prerequisite").GetBoolean());
        Assert.Equal("has variant", variant.GetProperty("inverseName").Str("en"));
        Assert.True(variant.GetProperty("relationshipCount").GetInt32() > 0);
        var alternative = await _client.GetJsonAsync("/api/v1/relation-types/alternative-to");
        Assert.True(alternative.GetProperty("symmetric").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/relation-types/likes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/relationships/987654321")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/relationships?type=likes", "type")]
    [InlineData("/api/v1/relationships?source=planet:earth", "source")]
    [InlineData("/api/v1/relationships?target=technique:nope", "target")]
    public async Task BadParameterIsA400NamingIt(string url, string parameter) =>
        Assert.Equal([parameter], await _client.GetBadParametersAsync(url));
}

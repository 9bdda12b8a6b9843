using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Graph;

public sealed class GraphEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task DpoToPpoGoesThroughRlhfWithEachHopNamedAsWalked()
    {
        var result = await _client.GetJsonAsync("/api/v1/paths?from=dpo&to=ppo");
        Assert.Equal("dpo", result.GetProperty("from").Str("slug"));
        var paths = result.GetProperty("paths").EnumerateArray().ToArray();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.Equal(2, p.GetProperty("length").GetInt32()));
        var viaUses = paths.Single(p => p.GetProperty("hops")[1].Str("type") == "uses" && p.GetProperty("hops")[0].Str("type") == "builds-on");
        var first = viaUses.GetProperty("hops")[0];
        Assert.Equal("dpo", first.GetProperty("from").Str("slug"));
        Assert.Equal("rlhf", first.GetProperty("to").Str("slug"));
        Assert.Equal("forward", first.Str("direction"));
        Assert.Equal("builds on", first.GetProperty("name").Str("en"));
        Assert.True(first.GetProperty("relationship").GetInt64() > 0);
        Assert.Equal("ppo", viaUses.GetProperty("hops")[1].GetProperty("to").Str("slug"));
    }

    [Fact]
    public async Task WalkingBackwardsUsesTheInverseName()
    {
        var result = await _client.GetJsonAsync("/api/v1/paths?from=technique:ppo&to=technique:dpo&types=builds-on,uses");
        var path = result.GetProperty("paths")[0];
        var hops = path.GetProperty("hops").EnumerateArray().ToArray();
        Assert.Equal("inverse", hops[0].Str("direction"));
        Assert.Equal("is used by", hops[0].GetProperty("name").Str("en"));
        Assert.Equal("is a foundation of", hops[1].GetProperty("name").Str("en"));
    }

    [Fact]
    public async Task NoPathWithinMaxHopsIsAnEmptyList()
    {
        var result = await _client.GetJsonAsync("/api/v1/paths?from=dpo&to=ppo&maxHops=1&types=uses");
        Assert.Empty(result.GetProperty("paths").EnumerateArray());
    }

    [Fact]
    public async Task NeighborsWithinTwoHopsOfDpo()
    {
        var one = await _client.GetJsonAsync("/api/v1/techniques/dpo/neighbors");
        var near = one.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.Str("slug")!, n => n.GetProperty("distance").GetInt32());
        Assert.Equal(0, near["dpo"]);
        Assert.Equal(1, near["rlhf"]);
        Assert.DoesNotContain("ppo", near.Keys);
        Assert.Contains(one.GetProperty("edges").EnumerateArray(), e => e.Str("source") == "technique:dpo" && e.Str("target") == "technique:rlhf");

        var two = await _client.GetJsonAsync("/api/v1/techniques/dpo/neighbors?depth=2&types=builds-on,uses");
        var far = two.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.Str("slug")!, n => n.GetProperty("distance").GetInt32());
        Assert.Equal(2, far["ppo"]);
        Assert.All(two.GetProperty("edges").EnumerateArray(), e => Assert.Contains(e.Str("type"), new[] { "builds-on", "uses" }));
    }

    [Fact]
    public async Task ReadingOrderPutsPrerequisitesBeforeTheTechnique()
    {
        var result = await _client.GetJsonAsync("/api/v1/techniques/simpo/reading-order");
        var steps = result.GetProperty("steps").EnumerateArray().Select(s => s.Str("slug")).ToList();
        Assert.Equal("simpo", steps[^1]);
        Assert.True(steps.IndexOf("dpo") >= 0 && steps.IndexOf("rlhf") >= 0, string.Join(",", steps));
        Assert.True(steps.IndexOf("rlhf") < steps.IndexOf("dpo"));
        Assert.Contains("variant-of", result.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(steps.Count, steps.Distinct().Count());
    }

    [Theory]
    [InlineData("/api/v1/techniques/dpo/neighbors?depth=9", "depth")]
    [InlineData("/api/v1/techniques/dpo/neighbors?types=likes", "types")]
    [InlineData("/api/v1/paths?from=dpo", "to")]
    [InlineData("/api/v1/paths?from=dpo&to=spaceship:x", "to")]
    [InlineData("/api/v1/paths?from=no-such&to=ppo", "from")]
    [InlineData("/api/v1/paths?from=dpo&to=ppo&maxHops=99", "maxHops")]
    public async Task BadParameterIsA400NamingIt(string url, string parameter) =>
        Assert.Equal([parameter], await _client.GetBadParametersAsync(url));
}

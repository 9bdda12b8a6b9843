using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Search;

public sealed class SearchEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    private async Task<JsonElement[]> SearchAsync(string query) =>
        (await _client.GetJsonAsync("/api/v1/search?" + query)).GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task ChineseSubstringFindsDpo()
    {
        var items = await SearchAsync("q=" + Uri.EscapeDataString("偏好优化"));
        var dpo = Assert.Single(items, i => i.Str("slug") == "dpo" && i.Str("kind") == "technique");
        Assert.Equal("name.zh", dpo.Str("matchedField"));
        Assert.Contains("<mark>偏好优化</mark>", dpo.Str("highlight"));
        Assert.Equal("/api/v1/techniques/dpo", dpo.Str("url"));
    }

    [Fact]
    public async Task EnglishPrefixFindsDpo()
    {
        var items = await SearchAsync("q=prefer");
        var dpo = Assert.Single(items, i => i.Str("slug") == "dpo" && i.Str("kind") == "technique");
        Assert.Contains("<mark>Prefer</mark>", dpo.Str("highlight"));
    }

    [Fact]
    public async Task AbbreviationRanksItsTechniqueFirst()
    {
        var items = await SearchAsync("q=GRPO");
        Assert.Equal("grpo", items[0].Str("slug"));
        Assert.Equal("exact", items[0].Str("match"));
        Assert.True(items[0].GetProperty("score").GetDouble() >= items[^1].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task TypoFindsTheReinforcementLearningTechniques()
    {
        var slugs = (await SearchAsync("q=reinforcment&kind=technique")).Select(i => i.Str("slug")).ToArray();
        Assert.Contains("rlhf", slugs);
        Assert.Contains("reinforcement-learning-for-reasoning", slugs);
    }

    [Fact]
    public async Task FullWidthFormsAreFolded()
    {
        var items = await SearchAsync("q=" + Uri.EscapeDataString("ＤＰＯ"));
        Assert.Equal("dpo", items[0].Str("slug"));
    }

    [Fact]
    public async Task KindFilterAndLimitApply()
    {
        var items = await SearchAsync("q=optimization&kind=reference,formula&limit=3");
        Assert.InRange(items.Length, 1, 3);
        Assert.All(items, i => Assert.Contains(i.Str("kind"), new[] { "reference", "formula" }));
    }

    [Fact]
    public async Task PrefixModeIsForTypeAhead()
    {
        var items = await SearchAsync("q=lor&mode=prefix&kind=technique");
        Assert.Contains(items, i => i.Str("slug") == "lora");
        Assert.Empty(await SearchAsync("q=reinforcment&mode=prefix"));
    }

    [Theory]
    [InlineData("/api/v1/search", "q")]
    [InlineData("/api/v1/search?q=dpo&mode=fuzzy", "mode")]
    [InlineData("/api/v1/search?q=dpo&kind=spaceship", "kind")]
    [InlineData("/api/v1/search?q=dpo&limit=1000", "limit")]
    [InlineData("/api/v1/search?query=dpo", "query")]
    public async Task BadParameterIsA400NamingIt(string url, string parameter) =>
        Assert.Equal([parameter], await _client.GetBadParametersAsync(url));
}

using System.Net;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Catalog;

public sealed class CatalogEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ParadigmsComeInTheSurveysOrderWithTheirTechniques()
    {
        var list = await _client.GetJsonAsync("/api/v1/paradigms");
        Assert.Equal(["fine-tuning", "alignment", "reasoning", "efficiency", "integration-and-adaptation"], list.Slugs());
        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.True(p.GetProperty("techniqueCount").GetInt32() > 0));
        var alignment = await _client.GetJsonAsync("/api/v1/paradigms/alignment");
        Assert.Contains("dpo", alignment.GetProperty("techniques").EnumerateArray().Select(t => t.Str("slug")));
        Assert.Equal("对齐", alignment.GetProperty("name").Str("zh"));
    }

    [Theory]
    [InlineData("models", "gpt-3")]
    [InlineData("datasets", "flan")]
    [InlineData("limitations", "limited-reasoning")]
    [InlineData("formulas", "dpo-objective")]
    public async Task ListAndDetailOfEachKind(string collection, string slug)
    {
        var list = await _client.GetJsonAsync($"/api/v1/{collection}?limit=200");
        Assert.Contains(slug, list.Slugs());
        var detail = await _client.GetJsonAsync($"/api/v1/{collection}/{slug}");
        Assert.Equal(slug, detail.Str("slug"));
        Assert.Equal($"/api/v1/{collection}/{slug}", detail.Str("url"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/{collection}/no-such-{collection}")).StatusCode);
    }

    [Fact]
    public async Task ModelsCarryParametersAndFormulasTheirLatex()
    {
        var gpt3 = await _client.GetJsonAsync("/api/v1/models/gpt-3");
        Assert.Equal("175B", gpt3.Str("parameters"));
        var dpo = await _client.GetJsonAsync("/api/v1/formulas/dpo-objective");
        Assert.False(string.IsNullOrWhiteSpace(dpo.Str("latex")));
        Assert.Equal("dpo", dpo.GetProperty("technique").Str("slug"));
        var ofDpo = await _client.GetJsonAsync("/api/v1/formulas?technique=dpo");
        Assert.Contains("dpo-objective", ofDpo.Slugs());
    }

    [Fact]
    public async Task ApplicationsAreListed()
    {
        var list = await _client.GetJsonAsync("/api/v1/applications?limit=200");
        Assert.Contains("llm-applications", list.Slugs());
    }
}

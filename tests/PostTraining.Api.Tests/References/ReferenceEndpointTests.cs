using System.Net;
using System.Net.Http.Headers;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.References;

public sealed class ReferenceEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ArxivFilterFindsTheDpoPaper()
    {
        foreach (var id in new[] { "2305.18290", "arXiv:2305.18290v2" })
        {
            var page = await _client.GetJsonAsync($"/api/v1/references?arxiv={Uri.EscapeDataString(id)}");
            var item = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal("2305.18290", item.Str("arxivId"));
            Assert.Equal("/api/v1/references/" + item.Str("slug"), item.Str("apiUrl"));
        }
    }

    [Fact]
    public async Task TechniqueFilterIncludesTheSubtreeAndYearsBound()
    {
        var peft = await _client.GetJsonAsync("/api/v1/references?technique=peft&limit=200");
        Assert.Contains(peft.GetProperty("items").EnumerateArray(), r => r.Str("arxivId") == "2106.09685");
        var recent = await _client.GetJsonAsync("/api/v1/references?yearFrom=2023&yearTo=2024&limit=200");
        Assert.NotEmpty(recent.GetProperty("items").EnumerateArray());
        Assert.All(recent.GetProperty("items").EnumerateArray(), r => Assert.InRange(r.GetProperty("year").GetInt32(), 2023, 2024));
    }

    [Fact]
    public async Task ReferenceDetailListsItsTechniques()
    {
        var slug = (await _client.GetJsonAsync("/api/v1/references?arxiv=2305.18290")).Slugs().Single();
        var detail = await _client.GetJsonAsync($"/api/v1/references/{slug}");
        Assert.Contains(detail.GetProperty("techniques").EnumerateArray(), t => t.Str("slug") == "dpo" && t.Str("role") == "introduces");
    }

    [Fact]
    public async Task BibTexForAListByFormatAndForOneByAccept()
    {
        var list = await _client.GetAsync("/api/v1/references?format=bibtex&limit=200");
        Assert.Equal("application/x-bibtex", list.Content.Headers.ContentType?.MediaType);
        var entries = BibTexParser.Parse(await list.Content.ReadAsStringAsync());
        var json = await _client.GetJsonAsync("/api/v1/references?limit=200");
        Assert.Equal(json.Slugs(), entries.Select(e => e.Key));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Fields.GetValueOrDefault("title"))));

        var slug = (await _client.GetJsonAsync("/api/v1/references?arxiv=2305.18290")).Slugs().Single();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/references/{slug}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-bibtex"));
        var one = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("Accept", one.Headers.Vary);
        var entry = Assert.Single(BibTexParser.Parse(await one.Content.ReadAsStringAsync()));
        Assert.Equal(slug, entry.Key);
        Assert.Equal("2023", entry.Fields["year"]);
        Assert.Contains("Rafailov", entry.Fields["author"]);
    }

    [Fact]
    public async Task BibTexPagesLinkTheNextPage()
    {
        var response = await _client.GetAsync("/api/v1/references?format=bibtex&limit=5");
        Assert.Equal(5, BibTexParser.Parse(await response.Content.ReadAsStringAsync()).Count);
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single());
    }

    [Theory]
    [InlineData("/api/v1/references?arxiv=dpo", "arxiv")]
    [InlineData("/api/v1/references?format=pdf", "format")]
    [InlineData("/api/v1/references?technique=astrology", "technique")]
    [InlineData("/api/v1/references?yearFrom=20", "yearFrom")]
    public async Task BadParameterIsA400NamingIt(string url, string parameter) =>
        Assert.Equal([parameter], await _client.GetBadParametersAsync(url));
}

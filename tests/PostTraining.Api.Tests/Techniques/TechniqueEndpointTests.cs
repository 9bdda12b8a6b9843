using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Techniques;

public sealed class TechniqueEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task DpoDetailEmbedsParadigmReferencesFormulasAndBothDirectionsOfItsRelationships()
    {
        var dpo = await _client.GetJsonAsync("/api/v1/techniques/dpo");
        Assert.Equal("dpo", dpo.Str("slug"));
        Assert.Equal("DPO", dpo.Str("abbreviation"));
        Assert.Equal("直接偏好优化", dpo.GetProperty("name").Str("zh"));
        Assert.Equal("alignment", dpo.GetProperty("paradigm").Str("slug"));
        Assert.Equal("/api/v1/paradigms/alignment", dpo.GetProperty("paradigm").Str("url"));
        Assert.Contains(dpo.GetProperty("references").EnumerateArray(), r => r.Str("arxivId") == "2305.18290" && r.Str("role") == "introduces");
        Assert.NotEmpty(dpo.GetProperty("formulas").EnumerateArray());
        Assert.Contains(dpo.GetProperty("relationships").GetProperty("outgoing").EnumerateArray(),
            r => r.Str("type") == "builds-on" && r.GetProperty("target").Str("slug") == "rlhf");
        Assert.Contains(dpo.GetProperty("relationships").GetProperty("incoming").EnumerateArray(),
            r => r.Str("type") == "variant-of" && r.GetProperty("name").Str("en") == "has variant" && r.GetProperty("source").Str("slug") == "simpo");
    }

    [Fact]
    public async Task IncomingEdgeIsNamedWithTheInverseName()
    {
        var rlhf = await _client.GetJsonAsync("/api/v1/techniques/rlhf");
        var fromDpo = rlhf.GetProperty("relationships").GetProperty("incoming").EnumerateArray()
            .Single(r => r.Str("type") == "builds-on" && r.GetProperty("source").Str("slug") == "dpo");
        Assert.Equal("is a foundation of", fromDpo.GetProperty("name").Str("en"));
        Assert.Contains(rlhf.GetProperty("children").EnumerateArray(), c => c.Str("slug") == "ppo" && c.Str("kind") == "method");
    }

    [Fact]
    public async Task LoraHasItsBreadcrumb()
    {
        var lora = await _client.GetJsonAsync("/api/v1/techniques/lora");
        var ancestors = lora.GetProperty("ancestors").EnumerateArray().Select(a => a.Str("slug")).ToArray();
        Assert.Equal("peft", ancestors[0]);
        Assert.Equal(lora.Str("parent"), ancestors[^1]);
        Assert.Equal(ancestors.Length, lora.GetProperty("depth").GetInt32());
        Assert.Equal("efficiency", lora.GetProperty("paradigm").Str("slug"));
    }

    [Fact]
    public async Task UnknownTechniqueIsProblemJson404()
    {
        var response = await _client.GetAsync("/api/v1/techniques/no-such-technique");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-technique", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PagingThroughAllTechniquesWithCursorsHasNoDuplicatesAndNoGaps()
    {
        var all = await AllSlugsAsync("/api/v1/techniques?limit=200");
        Assert.True(all.Count > 100, $"only {all.Count} techniques");
        foreach (var sort in new[] { "tree", "name-en", "-name-zh", "-year", "slug" })
        {
            var paged = await AllSlugsAsync($"/api/v1/techniques?limit=17&sort={sort}");
            Assert.Equal(paged.Count, paged.Distinct().Count());
            Assert.Equal(all.Order(StringComparer.Ordinal), paged.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task SortByYearDescendingPutsNewestFirst()
    {
        var page = await _client.GetJsonAsync("/api/v1/techniques?sort=-year&limit=200&yearFrom=2015");
        var years = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("year").GetInt32()).ToArray();
        Assert.NotEmpty(years);
        Assert.Equal(years.OrderByDescending(y => y), years);
        Assert.All(years, y => Assert.True(y >= 2015));

        // Undated techniques come last whichever way the years run.
        foreach (var sort in new[] { "year", "-year" })
        {
            var dated = new List<bool>();
            for (string? next = $"/api/v1/techniques?sort={sort}&limit=100&fields=year"; next is not null;)
            {
                var all = await _client.GetJsonAsync(next);
                dated.AddRange(all.GetProperty("items").EnumerateArray().Select(i => i.TryGetProperty("year", out _)));
                next = all.Str("next");
            }

            Assert.Contains(false, dated);
            Assert.Equal(dated.OrderByDescending(d => d), dated);
        }
    }

    [Fact]
    public async Task FiltersNarrowTheList()
    {
        var alignment = await _client.GetJsonAsync("/api/v1/techniques?paradigm=alignment&limit=200");
        Assert.All(alignment.GetProperty("items").EnumerateArray(), i => Assert.Equal("alignment", i.Str("paradigm")));
        Assert.Contains("dpo", alignment.Slugs());

        var methods = await _client.GetJsonAsync("/api/v1/techniques?kind=method&depth=1&limit=200");
        Assert.All(methods.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.Equal("method", i.Str("kind"));
            Assert.Equal(1, i.GetProperty("depth").GetInt32());
        });

        var underRlhf = await _client.GetJsonAsync("/api/v1/techniques?parent=rlhf");
        Assert.Contains("ppo", underRlhf.Slugs());
        Assert.All(underRlhf.GetProperty("items").EnumerateArray(), i => Assert.Equal("rlhf", i.Str("parent")));

        var withFormula = await _client.GetJsonAsync("/api/v1/techniques?hasFormula=true&limit=200");
        Assert.Contains("dpo", withFormula.Slugs());
        var withoutFormula = await _client.GetJsonAsync("/api/v1/techniques?hasFormula=false&limit=200");
        Assert.DoesNotContain("dpo", withoutFormula.Slugs());
    }

    [Fact]
    public async Task FieldsSelectTheMembersOfEachItem()
    {
        var page = await _client.GetJsonAsync("/api/v1/techniques?fields=slug,year&limit=5");
        Assert.All(page.GetProperty("items").EnumerateArray(), i =>
            Assert.Subset(new HashSet<string> { "slug", "year" }, i.EnumerateObject().Select(p => p.Name).ToHashSet()));
        Assert.StartsWith("http", page.Str("next"));
        Assert.Contains("fields=slug%2Cyear", page.Str("next"));
    }

    [Theory]
    [InlineData("/api/v1/techniques?paradgim=alignment", "paradgim")]
    [InlineData("/api/v1/techniques?limit=0", "limit")]
    [InlineData("/api/v1/techniques?limit=201", "limit")]
    [InlineData("/api/v1/techniques?limit=abc", "limit")]
    [InlineData("/api/v1/techniques?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/techniques?kind=spaceship", "kind")]
    [InlineData("/api/v1/techniques?sort=colour", "sort")]
    [InlineData("/api/v1/techniques?hasFormula=maybe", "hasFormula")]
    [InlineData("/api/v1/techniques?paradigm=astrology", "paradigm")]
    [InlineData("/api/v1/techniques?fields=slug,colour", "fields")]
    [InlineData("/api/v1/techniques?yearFrom=2024&yearTo=2020", "yearFrom")]
    [InlineData("/api/v1/techniques/dpo?verbose=1", "verbose")]
    public async Task BadParameterIsA400NamingIt(string url, string parameter)
    {
        Assert.Equal([parameter], await _client.GetBadParametersAsync(url));
    }

    [Fact]
    public async Task ACursorFromAnotherSortIsRejected()
    {
        var first = await _client.GetJsonAsync("/api/v1/techniques?limit=3&sort=year");
        var cursor = System.Web.HttpUtility.ParseQueryString(new Uri(first.Str("next")!).Query)["cursor"];
        Assert.Equal(["cursor"], await _client.GetBadParametersAsync($"/api/v1/techniques?limit=3&sort=slug&cursor={cursor}"));
    }

    [Fact]
    public async Task TechniqueReferencesCoverTheSubtreeAndComeAsBibTex()
    {
        var own = await _client.GetJsonAsync("/api/v1/techniques/peft/references?subtree=false");
        var subtree = await _client.GetJsonAsync("/api/v1/techniques/peft/references");
        Assert.True(subtree.GetProperty("items").GetArrayLength() > own.GetProperty("items").GetArrayLength());
        Assert.Contains(subtree.GetProperty("items").EnumerateArray(), r => r.Str("arxivId") == "2106.09685");

        var bibtex = await _client.GetStringAsync("/api/v1/techniques/peft/references?format=bibtex");
        var entries = References.BibTexParser.Parse(bibtex);
        Assert.Equal(subtree.GetProperty("items").GetArrayLength(), entries.Count);
        Assert.Contains(entries, e => e.Fields.GetValueOrDefault("eprint") == "2106.09685");
    }

    private async Task<List<string>> AllSlugsAsync(string url)
    {
        var slugs = new List<string>();
        for (string? next = url; next is not null;)
        {
            var page = await _client.GetJsonAsync(next);
            slugs.AddRange(page.Slugs());
            next = page.Str("next");
            Assert.True(slugs.Count < 100_000);
        }

        return slugs;
    }
}

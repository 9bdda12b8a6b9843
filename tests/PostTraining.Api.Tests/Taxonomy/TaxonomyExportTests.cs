using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Taxonomy;

public sealed partial class TaxonomyExportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Paradigms = ["fine-tuning", "alignment", "reasoning", "efficiency", "integration-and-adaptation"];
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task JsonNestsTheFiveParadigmsAndTheirTechniques()
    {
        var doc = await _client.GetJsonAsync("/api/v1/taxonomy");
        var paradigms = doc.GetProperty("paradigms").EnumerateArray().ToArray();
        Assert.Equal(Paradigms, paradigms.Select(p => p.Str("slug")));
        Assert.All(paradigms, p => Assert.NotNull(p.GetProperty("name").Str("zh")));
        var alignment = paradigms.Single(p => p.Str("slug") == "alignment");
        var rlhf = alignment.GetProperty("techniques").EnumerateArray().Single(t => t.Str("slug") == "rlhf");
        Assert.Contains(rlhf.GetProperty("children").EnumerateArray(), c => c.Str("slug") == "ppo");
    }

    [Fact]
    public async Task SubtreeOfPeftHoldsLoraButNotDpo()
    {
        var doc = await _client.GetJsonAsync("/api/v1/taxonomy?root=peft");
        Assert.Equal("technique:peft", doc.Str("root"));
        var text = doc.GetRawText();
        Assert.Contains("\"lora\"", text);
        Assert.DoesNotContain("\"dpo\"", text);
        Assert.Equal(["peft"], doc.GetProperty("paradigms")[0].GetProperty("techniques").EnumerateArray().Select(t => t.Str("slug")));
    }

    [Fact]
    public async Task MermaidParsesBackIntoTheTree()
    {
        var text = await GetAsync("/api/v1/taxonomy?format=mermaid", "text/vnd.mermaid");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("flowchart", lines[0]);
        var nodes = lines.Select(l => MermaidNode().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["label"].Value);
        var tree = lines.Select(l => MermaidTreeEdge().Match(l)).Where(m => m.Success).Select(m => (m.Groups["a"].Value, m.Groups["b"].Value)).ToList();
        var related = lines.Select(l => MermaidRelatedEdge().Match(l)).Where(m => m.Success).ToList();
        Assert.Contains("t_dpo", nodes.Keys);
        Assert.Contains("直接偏好优化", nodes["t_dpo"]);
        Assert.Contains(("p_alignment", "t_dpo"), tree);
        Assert.Contains(("t_rlhf", "t_ppo"), tree);
        Assert.Contains(related, m => m.Groups["a"].Value == "t_dpo" && m.Groups["b"].Value == "t_rlhf" && m.Groups["label"].Value == "builds on");
        Assert.All(tree, e => Assert.True(nodes.ContainsKey(e.Item1) && nodes.ContainsKey(e.Item2)));
        Assert.Equal(lines.Length - 1, nodes.Count + tree.Count + related.Count);
    }

    [Fact]
    public async Task DotParsesBackIntoTheTree()
    {
        var text = await GetAsync("/api/v1/taxonomy?format=dot", "text/vnd.graphviz");
        Assert.StartsWith("digraph taxonomy {", text);
        Assert.EndsWith("}\n", text);
        var nodes = DotNode().Matches(text).ToDictionary(m => m.Groups["id"].Value, m => Regex.Unescape(m.Groups["label"].Value));
        var edges = DotEdge().Matches(text).Select(m => (m.Groups["a"].Value, m.Groups["b"].Value, m.Groups["attrs"].Value)).ToList();
        Assert.Contains("Alignment", nodes["paradigm:alignment"]);
        Assert.Contains(("paradigm:alignment", "technique:dpo", ""), edges);
        Assert.Contains(edges, e => e.Item1 == "technique:dpo" && e.Item2 == "technique:rlhf" && e.Item3.Contains("dashed"));
        Assert.All(edges, e => Assert.True(nodes.ContainsKey(e.Item1) && nodes.ContainsKey(e.Item2), $"{e.Item1} -> {e.Item2}"));
    }

    [Fact]
    public async Task JsonLdIsSkosWithAContextAndBothLanguages()
    {
        var text = await GetAsync("/api/v1/taxonomy", "application/ld+json", accept: "application/ld+json");
        using var doc = JsonDocument.Parse(text);
        var context = doc.RootElement.GetProperty("@context");
        Assert.Equal("http://www.w3.org/2004/02/skos/core#", context.Str("skos"));
        Assert.Equal("skos:prefLabel", context.GetProperty("prefLabel").Str("@id"));
        Assert.Equal("@language", context.GetProperty("prefLabel").Str("@container"));
        var graph = doc.RootElement.GetProperty("@graph").EnumerateArray().ToDictionary(n => n.Str("@id")!);
        var scheme = graph["/api/v1/taxonomy"];
        Assert.Equal("skos:ConceptScheme", scheme.Str("@type"));
        Assert.Equal(5, scheme.GetProperty("hasTopConcept").GetArrayLength());
        var dpo = graph["/api/v1/techniques/dpo"];
        Assert.Equal("skos:Concept", dpo.Str("@type"));
        Assert.Equal("Direct Preference Optimization", dpo.GetProperty("prefLabel").Str("en"));
        Assert.Equal("直接偏好优化", dpo.GetProperty("prefLabel").Str("zh"));
        Assert.Equal("/api/v1/paradigms/alignment", dpo.Str("broader"));
        Assert.Contains("/api/v1/techniques/rlhf", dpo.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("/api/v1/techniques/ppo", graph["/api/v1/techniques/rlhf"].GetProperty("narrower").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task CsvParsesBackWithOneRowPerEntry()
    {
        var text = await GetAsync("/api/v1/taxonomy?format=csv", "text/csv");
        var rows = ParseCsv(text);
        Assert.Equal(["kind", "slug", "technique_kind", "paradigm", "parent", "depth", "name_en", "name_zh", "abbreviation", "year", "url"], rows[0]);
        var bySlug = rows.Skip(1).ToDictionary(r => (r[0], r[1]));
        Assert.Equal(5, bySlug.Keys.Count(k => k.Item1 == "paradigm"));
        var ppo = bySlug[("technique", "ppo")];
        Assert.Equal(["method", "alignment", "rlhf", "1"], ppo[2..6]);
        Assert.Equal("近端策略优化", ppo[7]);
        var json = await _client.GetJsonAsync("/api/v1/techniques?limit=200&fields=slug");
        Assert.True(bySlug.Keys.Count(k => k.Item1 == "technique") >= json.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task EachFormatHasItsOwnETagAndVariesByAccept()
    {
        var etags = new HashSet<string>();
        foreach (var format in new[] { "json", "mermaid", "dot", "jsonld", "csv" })
        {
            var response = await _client.GetAsync($"/api/v1/taxonomy?format={format}");
            Assert.Contains("Accept", response.Headers.Vary);
            Assert.True(etags.Add(response.Headers.ETag!.Tag), format);
        }
    }

    [Fact]
    public async Task UnacceptableAcceptIs406AndUnknownFormatIs400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/taxonomy");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["format"], await _client.GetBadParametersAsync("/api/v1/taxonomy?format=pdf"));
        Assert.Equal(["root"], await _client.GetBadParametersAsync("/api/v1/taxonomy?root=astrology"));
    }

    private async Task<string> GetAsync(string url, string mediaType, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else { field.Append(c); }
        }

        Assert.Empty(row);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return rows;
    }

    [GeneratedRegex("""^\s+(?<id>[a-z]_[a-z0-9_]+)\[\[?"(?<label>[^"]*)"\]\]?$""")]
    private static partial Regex MermaidNode();

    [GeneratedRegex(@"^\s+(?<a>[a-z]_[a-z0-9_]+) --> (?<b>[a-z]_[a-z0-9_]+)$")]
    private static partial Regex MermaidTreeEdge();

    [GeneratedRegex("""^\s+(?<a>[a-z]_[a-z0-9_]+) -\.->\|"(?<label>[^"]*)"\| (?<b>[a-z]_[a-z0-9_]+)$""")]
    private static partial Regex MermaidRelatedEdge();

    [GeneratedRegex("""^\s+"(?<id>[a-z]+:[a-z0-9-]+)" \[label="(?<label>(?:[^"\\]|\\.)*)"[^\]]*\];$""", RegexOptions.Multiline)]
    private static partial Regex DotNode();

    [GeneratedRegex("""^\s+"(?<a>[a-z]+:[a-z0-9-]+)" -> "(?<b>[a-z]+:[a-z0-9-]+)"(?: \[(?<attrs>[^\]]*)\])?;$""", RegexOptions.Multiline)]
    private static partial Regex DotEdge();
}

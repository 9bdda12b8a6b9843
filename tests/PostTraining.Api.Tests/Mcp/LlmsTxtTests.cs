using System.Net;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Mcp;

/// <summary>/llms.txt as an agent reads it (llmstxt.org): Markdown with an H1, a blockquote summary and sections of links that all work.</summary>
public sealed partial class LlmsTxtTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task IsMarkdownInTheLlmsTxtShapeAndEveryLinkAnswers()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var response = await http.GetAsync("llms.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        Assert.Equal("# PostTraining API", lines[0]);
        Assert.Single(lines, l => l.StartsWith("# ", StringComparison.Ordinal));
        Assert.StartsWith("> ", lines.First(l => l.Length > 0 && !l.StartsWith('#')), StringComparison.Ordinal);
        var sections = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
        Assert.Contains("## API", sections);
        Assert.Contains("## MCP", sections);

        var origin = api.BaseAddress.GetLeftPart(UriPartial.Authority);
        var links = lines.Select(l => LinkItem().Match(l)).Where(m => m.Success).Select(m => m.Groups["url"].Value).ToArray();
        foreach (var path in new[] { "/openapi/v1.json", "/swagger", "/", "/api/v1/search?q=DPO", "/api/v1/techniques", "/api/v1/references", "/mcp" })
        {
            Assert.Contains(origin + path, links);
        }

        foreach (var link in links.Where(l => l != origin + "/mcp"))
        {
            Assert.StartsWith(origin + "/", link, StringComparison.Ordinal);
            using var target = await http.GetAsync(new Uri(link));
            Assert.True(target.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)target.StatusCode}");
        }

        // It names every MCP tool the endpoint lists, and how to configure a client.
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(api.BaseAddress, "mcp") }));
        foreach (var tool in await client.ListToolsAsync())
        {
            Assert.Contains(lines, l => l.StartsWith($"- `{tool.Name}`: ", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains($"\"type\": \"http\", \"url\": \"{origin}/mcp\"", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^- \[[^\]]+\]\((?<url>[^)]+)\)")]
    private static partial Regex LinkItem();
}

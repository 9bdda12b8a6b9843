using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Mcp;

/// <summary>
/// The MCP endpoint as an agent meets it: the SDK's own client over Streamable HTTP on a real Kestrel port, with no
/// key. Every tool answers what the /api/v1 read it mirrors serves, so results are compared with those GETs.
/// </summary>
public sealed class McpEndpointTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private static readonly string[] ToolNames = ["find_paths", "get_bibtex", "get_comparison", "get_neighbors", "get_reference", "get_technique", "list_comparisons", "search"];

    [Fact]
    public async Task InitializeNamesTheServerAndOffersTools()
    {
        await using var client = await ConnectAsync();
        Assert.Equal("posttraining-api", client.ServerInfo?.Name);
        Assert.NotNull(client.ServerCapabilities.Tools);
        Assert.False(string.IsNullOrWhiteSpace(client.NegotiatedProtocolVersion));
        Assert.Contains("search", client.ServerInstructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryToolHasAnInputSchemaAndOnlyReads()
    {
        await using var client = await ConnectAsync();
        var tools = await client.ListToolsAsync();
        Assert.Equal(ToolNames, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            var schema = tool.InputSchema;
            Assert.Equal("object", schema.GetProperty("type").GetString());
            var properties = schema.GetProperty("properties").EnumerateObject().ToArray();
            Assert.True(properties.Length > 0 || tool.Name == "list_comparisons", $"{tool.Name} takes no arguments");
            // Described for the model, and no injected service leaks into the arguments.
            Assert.All(properties, p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetProperty("description").GetString()), $"{tool.Name}.{p.Name}"));
            Assert.DoesNotContain(properties, p => p.Name is "snapshots" or "http");
            Assert.True(tool.Annotations?.ReadOnlyHint, tool.Name);
            Assert.False(tool.Annotations?.DestructiveHint ?? true, tool.Name);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", tool.Description ?? "");
        }

        var search = tools.Single(t => t.Name == "search").ProtocolTool.InputSchema;
        Assert.Equal(["q"], search.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var of = tools.Single(t => t.Name == "get_bibtex").ProtocolTool.InputSchema.GetProperty("properties").GetProperty("of");
        Assert.Equal(["reference", "technique"], of.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchForDpoFindsDpoFirst()
    {
        await using var client = await ConnectAsync();
        var result = await client.CallToolAsync("search", new Dictionary<string, object?> { ["q"] = "DPO" });
        var body = Json(result);
        var first = body.GetProperty("items")[0];
        Assert.Equal("technique", first.GetProperty("kind").GetString());
        Assert.Equal("dpo", first.GetProperty("slug").GetString());

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal(await http.GetStringAsync("api/v1/search?q=DPO"), Text(result));
    }

    [Fact]
    public async Task TechniqueDetailIsTheApisInBothLanguages()
    {
        await using var client = await ConnectAsync();
        var result = await client.CallToolAsync("get_technique", new Dictionary<string, object?> { ["slug"] = "dpo" });
        var detail = Json(result);
        Assert.Equal("dpo", detail.GetProperty("slug").GetString());
        foreach (var member in new[] { "name", "description" })
        {
            Assert.Matches("[A-Za-z]", detail.GetProperty(member).GetProperty("en").GetString());
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail.GetProperty(member).GetProperty("zh").GetString());
        }

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal(await http.GetStringAsync("api/v1/techniques/dpo"), Text(result));
    }

    [Fact]
    public async Task ReferenceNeighborsPathsBibTexAndComparisonsAreTheApisAnswers()
    {
        await using var client = await ConnectAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var reference = (await http.GetJsonAsync("api/v1/techniques/dpo")).GetProperty("references")[0].GetProperty("slug").GetString()!;
        var comparison = (await http.GetJsonAsync("api/v1/comparisons")).GetProperty("items")[0].GetProperty("slug").GetString()!;
        var calls = new (string Tool, Dictionary<string, object?> Arguments, string Url)[]
        {
            ("get_reference", new() { ["slug"] = reference }, $"api/v1/references/{reference}"),
            ("get_neighbors", new() { ["slug"] = "dpo", ["depth"] = 2 }, "api/v1/techniques/dpo/neighbors?depth=2"),
            ("find_paths", new() { ["from"] = "dpo", ["to"] = "ppo" }, "api/v1/paths?from=dpo&to=ppo"),
            ("get_bibtex", new() { ["of"] = "reference", ["slug"] = reference }, $"api/v1/references/{reference}?format=bibtex"),
            ("get_bibtex", new() { ["of"] = "technique", ["slug"] = "peft" }, "api/v1/techniques/peft/references?format=bibtex"),
            ("get_bibtex", new() { ["of"] = "technique", ["slug"] = "peft", ["subtree"] = false }, "api/v1/techniques/peft/references?format=bibtex&subtree=false"),
            ("list_comparisons", new(), "api/v1/comparisons"),
            ("get_comparison", new() { ["slug"] = comparison }, $"api/v1/comparisons/{comparison}"),
            ("get_comparison", new() { ["slug"] = comparison, ["format"] = "markdown" }, $"api/v1/comparisons/{comparison}?format=markdown"),
            ("get_comparison", new() { ["slug"] = comparison, ["format"] = "csv" }, $"api/v1/comparisons/{comparison}?format=csv"),
        };
        foreach (var (tool, arguments, url) in calls)
        {
            var result = await client.CallToolAsync(tool, arguments);
            Assert.True(result.IsError is not true, $"{tool}: {Text(result)}");
            Assert.Equal(await http.GetStringAsync(url), Text(result));
        }

        var paths = Json(await client.CallToolAsync("find_paths", new Dictionary<string, object?> { ["from"] = "dpo", ["to"] = "ppo" }));
        Assert.NotEqual(0, paths.GetProperty("paths").GetArrayLength());
        Assert.StartsWith("@", Text(await client.CallToolAsync("get_bibtex", new Dictionary<string, object?> { ["of"] = "reference", ["slug"] = reference })).TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArgumentsAreToolErrorsNamingWhatIsWrong()
    {
        await using var client = await ConnectAsync();
        var missing = await client.CallToolAsync("get_technique", new Dictionary<string, object?> { ["slug"] = "no-such-technique" });
        Assert.True(missing.IsError);
        Assert.Contains("no-such-technique", Text(missing), StringComparison.Ordinal);

        var tooMany = await client.CallToolAsync("search", new Dictionary<string, object?> { ["q"] = "dpo", ["limit"] = 1000 });
        Assert.True(tooMany.IsError);
        Assert.Contains("'limit'", Text(tooMany), StringComparison.Ordinal);

        var badKind = await client.CallToolAsync("search", new Dictionary<string, object?> { ["q"] = "dpo", ["kind"] = "planet" });
        Assert.True(badKind.IsError);
        Assert.Contains("planet", Text(badKind), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentLeavesOutMcpAndLlmsTxt()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var paths = (await http.GetJsonAsync("openapi/v1.json")).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/v1/search", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/mcp", StringComparison.Ordinal) || p.StartsWith("/llms", StringComparison.Ordinal));
    }

    private Task<McpClient> ConnectAsync() =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(api.BaseAddress, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static JsonElement Json(CallToolResult result)
    {
        Assert.True(result.IsError is not true, Text(result));
        return JsonDocument.Parse(Text(result)).RootElement.Clone();
    }
}

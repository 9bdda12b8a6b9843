using System.Net;
using System.Text;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.RateLimiting;

namespace PostTraining.Api.Tests.Mcp;

/// <summary>An MCP call against the limits of <see cref="RateLimitedApiFactory"/> (three reads, two writes per window).</summary>
public sealed class McpRateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task McpCallsNeedNoKeyAndSpendTheReadBudgetOfApiV1()
    {
        var client = api.ClientWithKey(null);
        for (var i = 0; i < 3; i++)
        {
            using var answered = await PostInitializeAsync(client);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Contains("posttraining-api", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var limited = await PostInitializeAsync(client);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);

        // The same window as the GETs: they are refused too, while writes keep their own budget (this one reaches the key check).
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/techniques/dpo")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/v1/keys/424242")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostInitializeAsync(HttpClient client)
    {
        const string initialize = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return client.SendAsync(request);
    }
}

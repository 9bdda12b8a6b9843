using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Http;

/// <summary>
/// Requests a client gets subtly wrong are told so (400 or 405 naming what is wrong) instead of being answered as if
/// they meant something else.
/// </summary>
public sealed class QueryAndMethodEdgeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task InvalidUtf8InAQueryValueIsA400NamingTheParameter()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/search?q=%C3%28");
        await AssertInvalidAsync(response, "q", "UTF-8");
    }

    [Fact]
    public async Task ValidPercentEncodedUtf8IsStillSearched()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/search?q=%E5%81%8F%E5%A5%BD");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARepeatedParameterIsA400InsteadOfBeingJoined()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/search?q=dpo&q=lora");
        await AssertInvalidAsync(response, "q", "more than once");
    }

    [Fact]
    public async Task TheLengthOfQIsCountedInCharacters()
    {
        var client = api.CreateClient();
        var hundredEmoji = string.Concat(Enumerable.Repeat("😀", 100));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(hundredEmoji)}")).StatusCode);
        var over = string.Concat(Enumerable.Repeat("😀", 201));
        await AssertInvalidAsync(await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(over)}"), "q", "200");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task AHealthCheckTakesGetOnly(string path)
    {
        var response = await api.CreateClient().PostAsync(path, null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task ARelationshipIdThatIsNoNumberIsA404SayingWhy()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/relationships/abc");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("'abc'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("numeric id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/v1/techniques", "text/xml", "application/json")]
    [InlineData("PATCH", "/api/v1/techniques/dpo", "application/json", "application/merge-patch+json")]
    public async Task A415NamesTheTypeTheOperationTakes(string method, string path, string sent, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, sent),
        };
        var response = await api.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains($"'{expected}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentIsAlsoServedAtItsConventionalAddress()
    {
        var client = api.CreateClient();
        var conventional = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, conventional.StatusCode);
        Assert.Equal(await client.GetStringAsync("/swagger/v1/swagger.json"), await conventional.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ANulByteInAParameterIsA400NamingIt()
    {
        await AssertInvalidAsync(await api.CreateClient().GetAsync("/api/v1/search?q=dp%00o"), "q", "NUL");
        await AssertInvalidAsync(await api.CreateClient().GetAsync("/api/v1/techniques?paradigm=align%00ment"), "paradigm", "NUL");
    }

    [Fact]
    public async Task JsonWritesApostrophesAndAmpersandsAsThemselves()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/search?q=a&nope=1");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("'nope'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0026", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/search?nope=1", 400, "Invalid request")]
    [InlineData("GET", "/api/v1/techniques/no-such-technique", 404, "Not found")]
    [InlineData("GET", "/api/v1/no-such-collection", 404, "Not found")]
    [InlineData("POST", "/health/live", 405, "Method not allowed")]
    [InlineData("POST", "/api/v1/techniques", 401, "Unauthorized")]
    [InlineData("GET", "/api/v1/taxonomy?format=csv&x=1", 400, "Invalid request")]
    public async Task EveryProblemHasOneStyleOfTypeAndTitle(string method, string path, int status, string title)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await api.CreateClient().SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"https://httpstatuses.io/{status}", problem.GetProperty("type").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ByDefaultAHostOtherThanThisMachineIsRefused()
    {
        var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/techniques?limit=1");
        request.Headers.Host = "example.com";
        var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("'example.com'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/v1/techniques?limit=1");
        local.Headers.Host = "127.0.0.1:5080";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task TheDocumentIsGeneratedCorrectlyForConcurrentRequests()
    {
        // Each request generates the document; generation must not share unsafe state (it did: a 500 under load).
        var client = api.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.GetAsync(i % 2 == 0 ? "/openapi/v1.json" : "/swagger/v1/swagger.json")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string member, string saying)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var messages = problem.GetProperty("errors").GetProperty(member).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(saying, StringComparison.Ordinal));
    }
}

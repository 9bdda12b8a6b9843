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

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string member, string saying)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var messages = problem.GetProperty("errors").GetProperty(member).EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(saying, StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Reliability;

/// <summary>Requests past every documented cap are refused with a 4xx, quickly, naming what is wrong.</summary>
public sealed class LimitsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/v1/techniques?limit=201", "limit")]
    [InlineData("/api/v1/techniques?limit=100000000000", "limit")]
    [InlineData("/api/v1/techniques?limit=0", "limit")]
    [InlineData("/api/v1/techniques/dpo/neighbors?depth=4", "depth")]
    [InlineData("/api/v1/techniques/dpo/neighbors?depth=1000000", "depth")]
    [InlineData("/api/v1/paths?from=dpo&to=ppo&maxHops=7", "maxHops")]
    [InlineData("/api/v1/paths?from=dpo&to=ppo&maxHops=-1", "maxHops")]
    [InlineData("/api/v1/search?q=dpo&limit=101", "limit")]
    public async Task ParametersPastTheirCapsAreRefusedNamingTheParameter(string url, string parameter)
    {
        var (status, problem) = await GetProblemAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(parameter, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHugeSearchTextIsRefused()
    {
        var (status, problem) = await GetProblemAsync("/api/v1/search?q=" + new string('长', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("q", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedBodyIsRefusedWith413BeforeItIsRead()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/references")
        {
            Content = new StringContent("{\"title\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", ApiFactory.AdminKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnOverlongUrlIsRefusedByTheWebServerOnARealPort()
    {
        await using var process = await ApiProcess.StartAsync(api.ConnectionString);
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        using var response = await client.GetAsync("/api/v1/search?q=" + new string('a', 20_000));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"got {(int)response.StatusCode}");
    }

    private async Task<(HttpStatusCode Status, string Body)> GetProblemAsync(string url)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var _ = JsonDocument.Parse(body);
        }

        return (response.StatusCode, body);
    }
}

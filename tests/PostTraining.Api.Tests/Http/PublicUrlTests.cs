using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Http;

/// <summary>
/// Absolute links (a list's <c>next</c>, <c>Location</c>) cannot be rewritten by a request's <c>Host</c> header: they
/// come from <c>PublicBaseUrl</c> when it is set, and host filtering (<c>AllowedHosts</c>) refuses unlisted hosts.
/// </summary>
public sealed class PublicUrlTests
{
    [Fact]
    public async Task WithPublicBaseUrlSetNextLinksIgnoreTheHostHeader()
    {
        // Even where every host is let in (AllowedHosts=*), the links come from PublicBaseUrl.
        await using var api = new ApiFactory().With("PublicBaseUrl", "https://api.example.org/").With("AllowedHosts", "*");
        await api.InitializeAsync();
        var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/techniques?limit=1");
        request.Headers.Host = "attacker.example.com";
        var page = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("https://api.example.org/api/v1/techniques?", page.GetProperty("next").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAllowedHostsAnUnlistedHostIsRefused()
    {
        await using var api = new ApiFactory().With("AllowedHosts", "localhost");
        await api.InitializeAsync();
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/techniques?limit=1")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/techniques?limit=1");
        request.Headers.Host = "attacker.example.com";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task APublicBaseUrlThatIsNoAbsoluteUrlStopsStartUp()
    {
        await using var api = new ApiFactory().With("PublicBaseUrl", "api.example.org");
        var failure = await Assert.ThrowsAnyAsync<Exception>(api.InitializeAsync);
        Assert.Contains("PublicBaseUrl must be an absolute http or https URL", failure.ToString(), StringComparison.Ordinal);
    }
}

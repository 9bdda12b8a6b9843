using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.RateLimiting;

/// <summary>One trusted proxy (10.0.0.1) and a read limit of two per client.</summary>
public sealed class BehindProxyApiFactory : ApiFactory
{
    public const string Proxy = "10.0.0.1";

    public BehindProxyApiFactory()
    {
        With("ForwardedHeaders:KnownProxies:0", Proxy);
        // Behind a proxy the host checked is the one it forwards (the client's), so the public host must be listed.
        With("AllowedHosts", "localhost;taxonomy.example.org");
        With("RateLimiting:Enabled", "true");
        With("RateLimiting:Reads:PermitLimit", "2");
        With("RateLimiting:Reads:WindowSeconds", "300");
    }
}

public sealed class ForwardedHeadersTests(BehindProxyApiFactory api) : IClassFixture<BehindProxyApiFactory>
{
    [Fact]
    public async Task AForwardedClientAddressCountsOnlyFromAListedProxy()
    {
        // Through the listed proxy, each original client has its own budget.
        Assert.Equal(200, await GetFeedAsync(BehindProxyApiFactory.Proxy, "203.0.113.5"));
        Assert.Equal(200, await GetFeedAsync(BehindProxyApiFactory.Proxy, "203.0.113.5"));
        Assert.Equal(429, await GetFeedAsync(BehindProxyApiFactory.Proxy, "203.0.113.5"));
        Assert.Equal(200, await GetFeedAsync(BehindProxyApiFactory.Proxy, "203.0.113.6"));

        // From an unlisted address the header is ignored: changing it does not buy a fresh budget.
        Assert.Equal(200, await GetFeedAsync("10.0.0.2", "198.51.100.1"));
        Assert.Equal(200, await GetFeedAsync("10.0.0.2", "198.51.100.2"));
        Assert.Equal(429, await GetFeedAsync("10.0.0.2", "198.51.100.3"));
    }

    [Fact]
    public async Task AbsoluteLinksFollowTheForwardedSchemeAndHostOnlyFromAListedProxy()
    {
        Assert.StartsWith("https://taxonomy.example.org/api/v1/changes?", await PollLinkAsync(BehindProxyApiFactory.Proxy, "192.0.2.10"), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/api/v1/changes?", await PollLinkAsync("10.9.9.9", "192.0.2.11"), StringComparison.Ordinal);
    }

    private async Task<int> GetFeedAsync(string remote, string forwardedFor) =>
        (await SendAsync(remote, forwardedFor)).Response.StatusCode;

    private async Task<string> PollLinkAsync(string remote, string forwardedFor)
    {
        var context = await SendAsync(remote, forwardedFor, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "taxonomy.example.org"));
        Assert.Equal(200, context.Response.StatusCode);
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        return body.RootElement.GetProperty("poll").GetString()!;
    }

    private Task<HttpContext> SendAsync(string remote, string forwardedFor, params (string Name, string Value)[] headers) =>
        api.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/api/v1/changes";
            context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            foreach (var (name, value) in headers)
            {
                context.Request.Headers[name] = value;
            }
        });
}

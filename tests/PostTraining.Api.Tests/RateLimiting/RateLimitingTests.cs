using System.Net;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.RateLimiting;

/// <summary>The app with small limits and a long window, so the tests reach them quickly and they do not reset mid-test.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    public RateLimitedApiFactory()
    {
        With("RateLimiting:Enabled", "true");
        With("RateLimiting:Reads:PermitLimit", "3");
        With("RateLimiting:Reads:WindowSeconds", "300");
        With("RateLimiting:Writes:PermitLimit", "2");
        With("RateLimiting:Writes:WindowSeconds", "300");
    }
}

public sealed class RateLimitingTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task ReadsOverTheLimitAre429WithRetryAfterAndWritesKeepTheirOwnBudget()
    {
        var client = api.ClientWithKey(null);
        for (var i = 0; i < 3; i++)
        {
            var admitted = await client.GetAsync("/api/v1/changes");
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
            // Each admitted answer says how much of the window is left.
            Assert.Equal("3", Header(admitted, "RateLimit-Limit"));
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(admitted, "RateLimit-Remaining"));
        }

        var limited = await client.GetAsync("/api/v1/changes");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        // Windows are aligned to the clock (every 300 s since the epoch here), so the wait is the real time left in
        // this one, never the window's length after the fact: it matches the time the clock says is left.
        var left = 300 - (long)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 % 300);
        Assert.InRange(retryAfter.Value.TotalSeconds, Math.Max(1, left - 2), left + 2);
        Assert.Equal(((int)retryAfter.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(limited, "RateLimit-Reset"));
        Assert.Equal("0", Header(limited, "RateLimit-Remaining"));

        // Health probes are never limited, and writes are not counted with the reads (this one gets as far as asking for a key).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/api/v1/keys/424242")).StatusCode);
    }

    [Fact]
    public async Task WritesAreLimitedPerKey()
    {
        // The bootstrap key spends its whole budget of two here.
        var (_, first) = await api.CreateKeyAsync("limited-one", "admin");
        var (_, second) = await api.CreateKeyAsync("limited-two", "admin");

        var one = api.ClientWithKey(first);
        Assert.Equal(HttpStatusCode.NotFound, (await one.DeleteAsync("/api/v1/keys/999001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await one.DeleteAsync("/api/v1/keys/999002")).StatusCode);
        var limited = await one.DeleteAsync("/api/v1/keys/999003");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another key from the same client still has its whole budget.
        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientWithKey(second).DeleteAsync("/api/v1/keys/999004")).StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

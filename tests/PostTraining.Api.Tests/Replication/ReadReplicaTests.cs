using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NpgsqlTypes;
using PostTraining.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PostTraining.Api.Tests.Replication;

/// <summary>
/// Read replicas end to end (issue 17): a primary, a streaming standby, API process A on the primary and B reading
/// from the standby. A write through A answers a consistency token; a read through B that sends it back sees the write
/// or is a 503 with Retry-After, never a stale 200. Faults: the standby stopped, the standby lagging (replay paused),
/// the primary stopped. Every answer is checked: no 5xx but the documented 503s (problem+json, Retry-After), and in
/// the end every acknowledged write is served by both processes. Timings are printed.
/// </summary>
public sealed class ReadReplicaTests(ReplicatedApis apis, ITestOutputHelper output) : IClassFixture<ReplicatedApis>
{
    private const string Token = "X-Consistency-Token";
    private const string SnapshotLsn = "X-Snapshot-Lsn";
    private readonly ConcurrentBag<string> _unexpected = [];
    private readonly List<string> _acknowledged = [];

    [Fact]
    public async Task AWriteThroughAIsSeenThroughBWithItsTokenAndWithinASecondWithout()
    {
        using var a = apis.Client(apis.A);
        using var b = apis.Client(apis.B);

        // With the token: the very first read through B sees the write.
        var (slug, token) = await CreateAsync(a, "replica-token");
        var watch = Stopwatch.StartNew();
        using (var read = await GetAsync(b, $"/api/v1/references/{slug}", token))
        {
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.True(Lsn(read, SnapshotLsn) >= NpgsqlLogSequenceNumber.Parse(token), "the snapshot's LSN is below the token it answered");
        }

        output.WriteLine($"token read through B answered in {watch.ElapsedMilliseconds} ms after the write answered");

        // Without: B serves it within a second of the write's answer, from the standby.
        var (plain, _) = await CreateAsync(a, "replica-plain");
        var seen = await PollAsync(b, $"/api/v1/references/{plain}", null, TimeSpan.FromSeconds(1));
        output.WriteLine($"without a token, B served the write {seen.TotalMilliseconds:F0} ms after it answered");
        Assert.True(seen < TimeSpan.FromSeconds(1), $"B served the write only after {seen.TotalMilliseconds:F0} ms");
        Assert.Equal("replica", await OriginAsync(b));

        // Every write answers a token, key writes too; a read through A answers its snapshot's LSN as well.
        using var key = await a.PostAsJsonAsync("/api/v1/keys", new { name = $"replica-{Guid.NewGuid():N}", scopes = new[] { "write" } });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        Assert.True(key.Headers.Contains(Token));
        using (var onA = await GetAsync(a, "/api/v1/techniques/dpo", key.Headers.GetValues(Token).Single()))
        {
            Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
            Assert.True(onA.Headers.Contains(SnapshotLsn));
        }

        await AssertAllAcknowledgedServedAsync();
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("0/XYZ")]
    [InlineData("1/2/3")]
    [InlineData("123456789/0")]
    [InlineData("FFFFFFFF/FFFFFFFF")]
    public async Task AMalformedOrFutureTokenIsA400NamingTheHeader(string token)
    {
        using var b = apis.Client(apis.B);
        using var read = await GetAsync(b, "/api/v1/techniques/dpo", token);
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(Token, out _), body.RootElement.ToString());
    }

    [Fact]
    public async Task WithTheStandbyStoppedBLoadsFromThePrimaryAndReturnsToTheStandbyWhenItIsBack()
    {
        using var a = apis.Client(apis.A);
        using var b = apis.Client(apis.B);
        await apis.Standby.Cluster.StopAsync();
        try
        {
            await AssertReadsServedAsync(b);
            var (slug, token) = await CreateAsync(a, "standby-down");
            var watch = Stopwatch.StartNew();
            using (var read = await GetAsync(b, $"/api/v1/references/{slug}", token))
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }

            output.WriteLine($"standby down: token read through B answered in {watch.ElapsedMilliseconds} ms (from the primary)");
            Assert.Equal("primary", await OriginAsync(b));
            await AssertReadsServedAsync(b);
        }
        finally
        {
            await apis.Standby.Cluster.RestartAsync();
        }

        // Back: the next refresh reads from the standby again.
        var back = Stopwatch.StartNew();
        string origin;
        do
        {
            var (slug, token) = await CreateAsync(a, "standby-back");
            await PollAsync(b, $"/api/v1/references/{slug}", token, TimeSpan.FromSeconds(15));
            origin = await OriginAsync(b);
        }
        while (origin != "replica" && back.Elapsed < TimeSpan.FromSeconds(30));
        output.WriteLine($"standby back: B loaded from it again {back.ElapsedMilliseconds} ms after its restart");
        Assert.Equal("replica", origin);
        await AssertAllAcknowledgedServedAsync();
    }

    [Fact]
    public async Task WithTheStandbyLaggingTokenReadsWaitThen503AndNoStaleReadIsAnsweredAsFresh()
    {
        using var a = apis.Client(apis.A);
        using var b = apis.Client(apis.B);
        await apis.OnStandbyAsync("SELECT pg_wal_replay_pause()");
        try
        {
            var (slug, token) = await CreateAsync(a, "standby-lag");
            var url = $"/api/v1/references/{slug}";

            // The token read waits for its bound, then refuses: 503 with Retry-After, not the old snapshot.
            var watch = Stopwatch.StartNew();
            using (var read = await GetAsync(b, url, token))
            {
                watch.Stop();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
                Assert.True(Lsn(read, SnapshotLsn) < NpgsqlLogSequenceNumber.Parse(token));
            }

            output.WriteLine($"standby paused: token read through B answered 503 after {watch.ElapsedMilliseconds} ms");
            Assert.InRange(watch.Elapsed, ReplicatedApis.ConsistencyWait * 0.9, ReplicatedApis.ReplicaWait);

            // Without a token B keeps serving its older snapshot, and says which position it reflects.
            using (var old = await GetAsync(b, url, null))
            {
                Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
                Assert.True(Lsn(old, SnapshotLsn) < NpgsqlLogSequenceNumber.Parse(token));
            }

            // Once the replica wait passes, B reads from the primary: the token is then served (503s until then only).
            var served = await PollAsync(b, url, token, ReplicatedApis.ReplicaWait * 3);
            output.WriteLine($"standby paused: B served the token from the primary {served.TotalMilliseconds:F0} ms after the first token read");
            Assert.Equal("primary", await OriginAsync(b));
        }
        finally
        {
            await apis.OnStandbyAsync("SELECT pg_wal_replay_resume()");
        }

        await AssertAllAcknowledgedServedAsync();
    }

    [Fact]
    public async Task WithThePrimaryStoppedReadsAreServedWritesAre503AndNothingAcknowledgedIsLost()
    {
        using var a = apis.Client(apis.A);
        using var b = apis.Client(apis.B);
        var (before, token) = await CreateAsync(a, "primary-before");
        await PollAsync(b, $"/api/v1/references/{before}", token, TimeSpan.FromSeconds(10));

        await apis.Primary.Cluster.StopAsync();
        try
        {
            // Reads through both, the token of the acknowledged write included (B's snapshot holds it: no query).
            await AssertReadsServedAsync(a);
            await AssertReadsServedAsync(b);
            using (var read = await GetAsync(b, $"/api/v1/references/{before}", token))
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }

            foreach (var client in new[] { a, b })
            {
                var watch = Stopwatch.StartNew();
                using var write = await SendAsync(client, () => client.PostAsJsonAsync("/api/v1/references", Reference($"primary-down-{Guid.NewGuid():N}")));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the 503 took {watch.Elapsed.TotalSeconds:F1} s");
            }
        }
        finally
        {
            await apis.Primary.Cluster.RestartAsync();
        }

        // Writes come back by themselves; the token of one is served through B (503s while the standby reconnects).
        var recovered = Stopwatch.StartNew();
        string? after = null, afterToken = null;
        while (after is null && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            var slug = $"primary-after-{Guid.NewGuid():N}"[..30];
            using var write = await SendAsync(a, () => a.PostAsJsonAsync("/api/v1/references", Reference(slug)));
            if (write.StatusCode == HttpStatusCode.Created)
            {
                (after, afterToken) = (slug, write.Headers.GetValues(Token).Single());
                _acknowledged.Add(slug);
            }
            else
            {
                await Task.Delay(250);
            }
        }

        Assert.NotNull(after);
        await PollAsync(b, $"/api/v1/references/{after}", afterToken, TimeSpan.FromSeconds(20));
        output.WriteLine($"primary back: a write and its token read through B succeeded {recovered.ElapsedMilliseconds} ms after its restart");
        await AssertAllAcknowledgedServedAsync();
    }

    private async Task<(string Slug, string Token)> CreateAsync(HttpClient client, string prefix)
    {
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        using var response = await SendAsync(client, () => client.PostAsJsonAsync("/api/v1/references", Reference(slug)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = Assert.Single(response.Headers.GetValues(Token));
        Assert.Matches("^[0-9A-F]{1,8}/[0-9A-F]{1,8}$", token);
        _acknowledged.Add(slug);
        return (slug, token);
    }

    /// <summary>Reads <paramref name="url"/> (with the token, if any) until it is 200; a 503 meanwhile must be the documented one.</summary>
    private async Task<TimeSpan> PollAsync(HttpClient client, string url, string? token, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var read = await GetAsync(client, url, token);
            if (read.StatusCode == HttpStatusCode.OK)
            {
                return watch.Elapsed;
            }

            // With a token the only other answer is the 503; without one, the old snapshot's 404.
            Assert.Equal(token is null ? HttpStatusCode.NotFound : HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.True(watch.Elapsed < bound, $"{url} was not served within {bound.TotalSeconds} s (last {(int)read.StatusCode})");
            await Task.Delay(token is null ? 10 : 100);
        }
    }

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? token)
    {
        return await SendAsync(client, () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation(Token, token);
            }

            return client.SendAsync(request);
        });
    }

    /// <summary>Sends, and notes any answer that is a 5xx other than a 503 problem+json with Retry-After.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<Task<HttpResponseMessage>> send)
    {
        var response = await send();
        var status = (int)response.StatusCode;
        if (status >= 500 && !(status == 503 && response.Headers.RetryAfter is not null
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"))
        {
            _unexpected.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status}");
        }

        Assert.Empty(_unexpected);
        return response;
    }

    private async Task AssertReadsServedAsync(HttpClient client)
    {
        foreach (var url in new[] { "/api/v1/techniques/dpo", "/api/v1/search?q=偏好优化", "/api/v1/taxonomy" })
        {
            using var read = await GetAsync(client, url, null);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)read.StatusCode}");
        }
    }

    /// <summary>Every write this test had acknowledged is served by both processes (waiting for B with its notification).</summary>
    private async Task AssertAllAcknowledgedServedAsync()
    {
        using var a = apis.Client(apis.A);
        using var b = apis.Client(apis.B);
        foreach (var slug in _acknowledged)
        {
            using (var onA = await GetAsync(a, $"/api/v1/references/{slug}", null))
            {
                Assert.True(onA.StatusCode == HttpStatusCode.OK, $"A lost the acknowledged {slug}");
            }

            await PollAsync(b, $"/api/v1/references/{slug}", null, TimeSpan.FromSeconds(10));
        }

        Assert.Empty(_unexpected);
    }

    private static async Task<string> OriginAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").GetProperty("readModel").GetProperty("data").GetProperty("origin").GetString()!;
    }

    private static NpgsqlLogSequenceNumber Lsn(HttpResponseMessage response, string header) =>
        NpgsqlLogSequenceNumber.Parse(Assert.Single(response.Headers.GetValues(header)));

    private static object Reference(string slug) => new
    {
        slug,
        title = $"A paper written while testing read replicas ({slug})",
        authors = new[] { "Ada Lovelace" },
        year = 2024,
    };
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;

namespace PostTraining.Api.Tests.Auth;

public sealed class ApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AWriteWithoutAKeyIs401WithAChallenge()
    {
        var response = await api.ClientWithKey(null).PostAsJsonAsync("/api/v1/keys", new { name = "nobody", scopes = new[] { "write" } });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("pt_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(ApiFactory.AdminKey + "x")]
    public async Task AnUnknownKeyIs401(string key)
    {
        var response = await api.ClientWithKey(key).GetAsync("/api/v1/keys");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyWithTheRightPrefixButAWrongSecretIs401()
    {
        var (_, secret) = await api.CreateKeyAsync("prefix-only", "admin");
        var tampered = secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var response = await api.ClientWithKey(tampered).GetAsync("/api/v1/keys");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredKeyIs401()
    {
        var (id, secret) = await api.CreateKeyAsync("expiring", "admin");
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithKey(secret).GetAsync("/api/v1/keys")).StatusCode);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        var response = await api.ClientWithKey(secret).GetAsync("/api/v1/keys");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var listed = await (await api.AdminClient().GetAsync($"/api/v1/keys/{id}")).ReadJsonAsync();
        Assert.Equal("expired", listed.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        var (id, secret) = await api.CreateKeyAsync("to-revoke", "admin");
        var client = api.ClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys")).StatusCode);

        var revoke = await api.AdminClient().DeleteAsync($"/api/v1/keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var response = await client.GetAsync("/api/v1/keys");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var listed = await (await api.AdminClient().GetAsync($"/api/v1/keys/{id}")).ReadJsonAsync();
        Assert.Equal("revoked", listed.RootElement.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.RootElement.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task RevokingAnUnknownKeyIs404()
    {
        var response = await api.AdminClient().DeleteAsync("/api/v1/keys/987654321");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWriteKeyCannotManageKeys()
    {
        var (_, secret) = await api.CreateKeyAsync("writer-only", "write");
        var client = api.ClientWithKey(secret);

        var list = await client.GetAsync("/api/v1/keys");
        await list.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("insufficient_scope", list.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var create = await client.PostAsJsonAsync("/api/v1/keys", new { name = "escalated", scopes = new[] { "admin" } });
        await create.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListingKeysNeedsAKeyToo()
    {
        var response = await api.ClientWithKey(null).GetAsync("/api/v1/keys");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheSecretIsShownOnceAndNeverListed()
    {
        var response = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "shown-once", scopes = new[] { "write" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = await response.ReadJsonAsync();
        var secret = created.RootElement.GetProperty("secret").GetString()!;
        var id = created.RootElement.GetProperty("id").GetInt64();
        var prefix = created.RootElement.GetProperty("prefix").GetString()!;
        Assert.Matches("^pt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", secret);
        Assert.StartsWith($"pt_{prefix}_", secret, StringComparison.Ordinal);
        Assert.Equal(new Uri($"http://localhost/api/v1/keys/{id}"), response.Headers.Location);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var list = await api.AdminClient().GetStringAsync("/api/v1/keys");
        var one = await api.AdminClient().GetStringAsync($"/api/v1/keys/{id}");
        Assert.Contains("\"shown-once\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[^43..], list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, one, StringComparison.Ordinal);

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.Equal(32, stored.Hash.Length);
        Assert.Equal(prefix, stored.Prefix);
        var tail = secret[^20..];
        var rowsHoldingTheSecret = await db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM api_keys k WHERE row_to_json(k)::text LIKE {"%" + tail + "%"}")
            .SingleAsync();
        Assert.Equal(0, rowsHoldingTheSecret);
    }

    [Fact]
    public async Task ACreatedKeyWorksAsBearerAndAsXApiKeyAndRecordsItsLastUse()
    {
        var (id, secret) = await api.CreateKeyAsync("both-headers", "admin");

        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithKey(secret).GetAsync("/api/v1/keys")).StatusCode);
        var viaHeader = api.ClientWithKey(null);
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await viaHeader.GetAsync("/api/v1/keys")).StatusCode);

        using var listed = await (await api.AdminClient().GetAsync($"/api/v1/keys/{id}")).ReadJsonAsync();
        var lastUsed = listed.RootElement.GetProperty("lastUsedAt").GetDateTimeOffset();
        Assert.InRange(lastUsed, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(["admin"], listed.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("bootstrap", listed.RootElement.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task ADuplicateKeyNameIs409()
    {
        await api.CreateKeyAsync("twice", "write");
        var response = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "twice", scopes = new[] { "write" } });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task InvalidKeyRequestsNameEveryBadMember()
    {
        var response = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "", scopes = new[] { "root" }, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(["expiresAt", "name", "scopes"], (await response.ErrorMembersAsync()).Order(StringComparer.Ordinal));

        var unknown = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "ok", scopes = new[] { "write" }, colour = "blue" });
        Assert.Equal(["colour"], await unknown.ErrorMembersAsync());

        var wrongType = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = 12, scopes = "write" });
        Assert.Equal(["name", "scopes"], (await wrongType.ErrorMembersAsync()).Order(StringComparer.Ordinal));

        var reserved = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "import", scopes = new[] { "write" } });
        Assert.Equal(["name"], await reserved.ErrorMembersAsync());
    }

    [Fact]
    public async Task MalformedJsonIs400()
    {
        var response = await api.AdminClient().PostAsync("/api/v1/keys", new StringContent("{\"name\": \"x\",", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AWrongContentTypeIs415()
    {
        var response = await api.AdminClient().PostAsync("/api/v1/keys", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var latin1 = await api.AdminClient().PostAsync("/api/v1/keys", new StringContent("{}", Encoding.Latin1, "application/json"));
        await latin1.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ABodyOver64KbIs413()
    {
        var big = $"{{\"name\":\"big\",\"scopes\":[\"write\"],\"pad\":\"{new string('x', 65 * 1024)}\"}}";
        var response = await api.AdminClient().PostAsync("/api/v1/keys", new StringContent(big, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // Without a declared length (chunked), the limit holds while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await api.AdminClient().SendAsync(request);
        await streamed.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task RoutingAnswers404And405BeforeAskingForAKey()
    {
        var client = api.ClientWithKey(null);

        var unknown = await client.PostAsync("/api/v1/no-such-resource", new StringContent("{}", Encoding.UTF8, "application/json"));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);

        var wrongMethod = await client.PutAsync("/api/v1/keys", new StringContent("{}", Encoding.UTF8, "application/json"));
        await wrongMethod.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", wrongMethod.Content.Headers.Allow);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
    }
}

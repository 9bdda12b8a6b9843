using System.Net;
using System.Net.Http.Json;

namespace PostTraining.Api.Tests.Auth;

public sealed class SecretLoggingTests(LogCapturingApiFactory api) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task NoKeySecretAppearsInTheLogsOfWrites()
    {
        var (id, secret) = await api.CreateKeyAsync("logged-writer", "admin");
        var client = api.ClientWithKey(secret);

        var created = await client.PostAsJsonAsync("/api/v1/keys", new { name = "made-by-logged-writer", scopes = new[] { "write" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdSecret = (await created.ReadJsonAsync()).RootElement.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/keys")).StatusCode);

        var lines = api.Lines.ToArray();
        Assert.NotEmpty(lines);
        // The capture really sees request handling and SQL, so a leak would show up here.
        Assert.Contains(lines, l => l.Contains("api_keys", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("revoked", StringComparison.Ordinal));
        foreach (var leaked in new[] { secret, secret[^20..], createdSecret, createdSecret[^20..], Infrastructure.ApiFactory.AdminKey })
        {
            Assert.DoesNotContain(lines, l => l.Contains(leaked, StringComparison.Ordinal));
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Auth;

/// <summary>Clients carrying a key, and keys made through the API the way an administrator would.</summary>
public static class KeyHelpers
{
    public static HttpClient ClientWithKey(this ApiFactory api, string? key)
    {
        var client = api.CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static HttpClient AdminClient(this ApiFactory api) => api.ClientWithKey(ApiFactory.AdminKey);

    /// <summary>Creates a key with the bootstrap admin key and returns its id and secret.</summary>
    public static async Task<(long Id, string Secret)> CreateKeyAsync(this ApiFactory api, string name, params string[] scopes)
    {
        var response = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetInt64(), body.RootElement.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonDocument> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = await response.ReadJsonAsync();
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        Assert.True(body.RootElement.TryGetProperty("title", out _));
    }

    /// <summary>The members a validation problem names in its <c>errors</c>.</summary>
    public static async Task<IReadOnlyList<string>> ErrorMembersAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = await response.ReadJsonAsync();
        return [.. body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}

using System.Net;
using System.Text.Json;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>Small helpers for reading JSON answers in tests.</summary>
public static class HttpJson
{
    /// <summary>GETs <paramref name="url"/>, asserts 200 and returns the parsed body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GETs <paramref name="url"/> expecting a 400 problem+json, and returns the names in its <c>errors</c>.</summary>
    public static async Task<string[]> GetBadParametersAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        return body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();
    }

    public static string[] Slugs(this JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToArray();

    public static string? Str(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

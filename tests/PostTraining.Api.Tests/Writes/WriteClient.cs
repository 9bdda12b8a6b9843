using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PostTraining.Api.Tests.Writes;

/// <summary>Write requests as a curator's tool sends them: JSON bodies, merge patches, If-Match.</summary>
public static class WriteClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) });

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch) =>
        client.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(body) }, ifMatch));

    public static Task<HttpResponseMessage> MergePatchAsync(this HttpClient client, string url, object body, string? ifMatch) =>
        client.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Patch, url) { Content = Json(body, "application/merge-patch+json") }, ifMatch));

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? ifMatch) =>
        client.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Delete, url), ifMatch));

    /// <summary>The ETag GET serves for <paramref name="url"/>.</summary>
    public static async Task<string> ETagOfAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Leaves null members out (absent means "not given"), except in a merge patch, where null removes a member.</summary>
    private static readonly JsonSerializerOptions WithoutNulls = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static StringContent Json(object body, string mediaType = "application/json") =>
        new(body as string ?? JsonSerializer.Serialize(body, mediaType == "application/json" ? WithoutNulls : JsonSerializerOptions.Default), Encoding.UTF8, mediaType);

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string? etag)
    {
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }
}

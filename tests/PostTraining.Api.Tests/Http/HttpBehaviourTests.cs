using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Http;

public sealed class HttpBehaviourTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("/api/v1/techniques/dpo")]
    [InlineData("/api/v1/taxonomy")]
    [InlineData("/api/v1/techniques?paradigm=alignment")]
    [InlineData("/api/v1/search?q=dpo")]
    [InlineData("/api/v1/paths?from=dpo&to=ppo")]
    public async Task MatchingIfNoneMatchGives304(string url)
    {
        var first = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var second = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task HeadAnswersTheHeadersOfGetWithoutABody()
    {
        var get = await _client.GetAsync("/api/v1/techniques/dpo");
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/techniques/dpo"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task WrongMethodIs405WithAllowForAnonymousCallers()
    {
        var response = await _client.PatchAsync("/api/v1/taxonomy", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("HEAD", response.Content.Headers.Allow);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPathIs404ProblemJson()
    {
        var response = await _client.GetAsync("/api/v1/techniques/dpo/cousins");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CorsIsOpenForReadsAndExposesTheValidators()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/techniques/dpo");
        get.Headers.Add("Origin", "https://example.org");
        var response = await _client.SendAsync(get);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("ETag", exposed);
        Assert.Contains("Location", exposed);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/techniques/dpo");
        preflight.Headers.Add("Origin", "https://example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        var answer = await _client.SendAsync(preflight);
        Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString());
        Assert.Contains("GET", string.Join(",", answer.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task LargeBodiesAreCompressedAndDecompressToTheSameBytes(string coding)
    {
        var plain = await _client.GetAsync("/api/v1/taxonomy");
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(plainBytes.Length > 1024);
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/taxonomy");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        var response = await _client.SendAsync(request);
        Assert.Equal(coding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plainBytes.Length / 2);
        await using var decompressor = coding == "br"
            ? (Stream)new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        await decompressor.CopyToAsync(output);
        Assert.Equal(plainBytes, output.ToArray());
        // The coded variant has its own strong ETag, and the plain one still revalidates it.
        Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/v1/taxonomy");
        revalidate.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task SmallBodiesAreNotCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search?q=zzzzzz");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await _client.SendAsync(request);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task ChineseIsWrittenAsCharacters()
    {
        var text = await _client.GetStringAsync("/api/v1/techniques/dpo");
        Assert.Contains("直接偏好优化", text);
        Assert.DoesNotContain("\\u76F4", text, StringComparison.OrdinalIgnoreCase);
    }
}

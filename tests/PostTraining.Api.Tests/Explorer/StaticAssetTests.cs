using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Explorer;

/// <summary>
/// The explorer's files as a browser and a cache see them (MapStaticAssets): scripts under fingerprinted names cached a
/// year as immutable, every file with a strong ETag that revalidates to 304, and gzip and Brotli forms made at build
/// that decode to the very bytes of the file.
/// </summary>
public sealed partial class StaticAssetTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ThePageNamesFingerprintedScriptsThatAreCachedAsImmutable()
    {
        var client = api.CreateClient();
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The entry point itself keeps its name, so it must be revalidated to pick up a deployment.
        Assert.True(page.Headers.CacheControl?.NoCache, "index.html must be revalidated");
        Assert.NotNull(page.Headers.ETag);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("{fingerprint}", html, StringComparison.Ordinal);

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        var mapped = JsonDocument.Parse(ImportMap().Match(html).Groups["json"].Value).RootElement.GetProperty("imports")
            .EnumerateObject().Select(e => e.Value.GetString()!.TrimStart('.', '/')).ToList();
        Assert.Contains(scripts, s => AppScript().IsMatch(s));
        Assert.Contains(mapped, s => s.StartsWith("explorer/api.", StringComparison.Ordinal));
        foreach (var url in scripts.Concat(mapped).Distinct())
        {
            Assert.Matches(Fingerprinted(), url);
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Theory]
    [InlineData("explorer/app.js")]
    [InlineData("explorer/explorer.css")]
    [InlineData("vendor/d3/d3.min.js")]
    [InlineData("vendor/katex/katex.min.css")]
    public async Task FilesComeCompressedWithETagsAndRevalidate(string path)
    {
        var client = api.CreateClient();
        using var plain = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var bytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(plain.Headers.CacheControl?.NoCache, $"{path}: its plain name must be revalidated");
        var etag = plain.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        foreach (var coding in ContentCodings.Offered)
        {
            using var coded = await ContentCodings.GetAsync(client, path, coding);
            Assert.Equal(HttpStatusCode.OK, coded.StatusCode);
            Assert.Equal([coding], coded.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", coded.Headers.Vary);
            var body = await coded.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length < bytes.Length, $"{path} as {coding}: {body.Length} of {bytes.Length} bytes");
            Assert.Equal(bytes, await ContentCodings.DecodeAsync(coding, body));
            using var notModified = await ContentCodings.GetAsync(client, path, coding, coded.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var unchanged = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<url>[^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<script type=\"importmap\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    [GeneratedRegex(@"^explorer/app\.[a-z0-9]{6,}\.js$")]
    private static partial Regex AppScript();

    [GeneratedRegex(@"\.[a-z0-9]{6,}\.js$")]
    private static partial Regex Fingerprinted();
}

using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Platform;

/// <summary>The OpenAPI document as generators and Swagger UI fetch it: compressed, with an ETag, revalidated with 304.</summary>
public sealed class OpenApiDocumentServingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task TheDocumentComesCompressedWithAnETagAndRevalidates(string path)
    {
        var client = api.CreateClient();
        using var plain = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
        var json = await plain.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("3.", JsonDocument.Parse(json).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var etag = plain.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(plain.Headers.CacheControl?.NoCache);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);

        foreach (var coding in ContentCodings.Offered)
        {
            using var coded = await ContentCodings.GetAsync(client, path, coding);
            Assert.Equal(HttpStatusCode.OK, coded.StatusCode);
            Assert.Equal([coding], coded.Content.Headers.ContentEncoding);
            var body = await coded.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length * 4 < json.Length, $"{coding}: {body.Length} of {json.Length} bytes");
            Assert.Equal(json, await ContentCodings.DecodeAsync(coding, body));

            // Either tag revalidates: the coded variant's and the identity one's.
            foreach (var tag in new[] { coded.Headers.ETag!, etag })
            {
                using var notModified = await ContentCodings.GetAsync(client, path, coding, tag);
                Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
                Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            }
        }

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BothAddressesServeTheSameDocument()
    {
        var client = api.CreateClient();
        using var first = await client.GetAsync("/openapi/v1.json");
        using var second = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }
}

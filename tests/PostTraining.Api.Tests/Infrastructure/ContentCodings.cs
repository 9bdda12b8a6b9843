using System.IO.Compression;
using System.Net.Http.Headers;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>Requests with an Accept-Encoding and the decoding of their bodies, for tests of compressed answers.</summary>
public static class ContentCodings
{
    /// <summary>The codings the service offers, best first.</summary>
    public static readonly string[] Offered = ["br", "gzip"];

    /// <summary>GETs <paramref name="path"/> accepting only <paramref name="coding"/>, optionally revalidating with <paramref name="ifNoneMatch"/>.</summary>
    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string coding, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(coding);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>The bytes a body coded with <paramref name="coding"/> decodes to.</summary>
    public static async Task<byte[]> DecodeAsync(string coding, byte[] body)
    {
        await using var stream = coding switch
        {
            "br" => (Stream)new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => throw new ArgumentException($"No decoder for '{coding}'.", nameof(coding)),
        };
        using var decoded = new MemoryStream();
        await stream.CopyToAsync(decoded);
        return decoded.ToArray();
    }
}

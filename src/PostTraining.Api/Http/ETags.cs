using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace PostTraining.Api.Http;

/// <summary>Strong entity tags: a hash of the exact bytes of a representation.</summary>
public static class ETags
{
    /// <summary>The quoted strong ETag of <paramref name="bytes"/>: 128 bits of SHA-256, base64url.</summary>
    public static string Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return $"\"{Base64Url.EncodeToString(hash[..16])}\"";
    }

    /// <summary>The ETag of a content-coded variant: the coding changes the bytes, so a strong validator must change too.</summary>
    public static string ForEncoding(string etag, string? encoding) =>
        encoding is null ? etag : $"{etag[..^1]}-{encoding}\"";

    /// <summary>
    /// True when If-None-Match names this representation. The comparison is weak (RFC 9110 §13.1.2), and a tag of any
    /// content-coded variant of the same representation matches, since they carry the same data.
    /// </summary>
    public static bool NoneMatchHits(StringValues ifNoneMatch, string etag)
    {
        var bare = etag.Trim('"');
        foreach (var header in ifNoneMatch)
        {
            foreach (var raw in (header ?? "").Split(','))
            {
                var candidate = raw.Trim();
                if (candidate == "*")
                {
                    return true;
                }

                if (candidate.StartsWith("W/", StringComparison.Ordinal))
                {
                    candidate = candidate[2..];
                }

                candidate = candidate.Trim('"');
                if (candidate == bare || candidate == bare + "-br" || candidate == bare + "-gzip")
                {
                    return true;
                }
            }
        }

        return false;
    }
}

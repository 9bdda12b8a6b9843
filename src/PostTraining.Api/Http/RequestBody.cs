using System.Buffers;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace PostTraining.Api.Http;

/// <summary>Why a body was not read: a media type the operation does not take, or more bytes than it accepts.</summary>
public enum BodyRefusal
{
    None,
    MediaType,
    TooLarge,
}

/// <summary>
/// Reads a request body's bytes with the checks every body shares, in the order a client can act on them: its media
/// type (and a charset, if declared, of UTF-8), then its size, checked on the declared length and again while reading
/// so a chunked body cannot slip past. Each caller words its own problem for a refusal.
/// </summary>
public static class RequestBody
{
    public static async Task<(ReadOnlyMemory<byte> Bytes, BodyRefusal Refusal)> ReadAsync(HttpRequest request, string mediaType, int maxBytes)
    {
        if (!HasMediaType(request, mediaType))
        {
            return (default, BodyRefusal.MediaType);
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, BodyRefusal.TooLarge);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), request.HttpContext.RequestAborted);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (default, BodyRefusal.TooLarge);
            }
        }

        return (buffer.WrittenMemory, BodyRefusal.None);
    }

    private static bool HasMediaType(HttpRequest request, string expected)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, expected, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Bodies are read as UTF-8 (JSON by RFC 8259, BibTeX by this API); a declared charset other than that is a body
        // we would misread.
        return !contentType.Charset.HasValue
            || string.Equals(contentType.Charset.Value, Encoding.UTF8.WebName, StringComparison.OrdinalIgnoreCase);
    }
}

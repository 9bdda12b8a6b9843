using System.IO.Compression;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Http;

/// <summary>
/// A serialized representation: its bytes, media type and strong ETag, plus its Brotli and gzip forms made on first
/// request. Held by the snapshot for the hot representations, so a read costs a lookup and a write of bytes.
/// </summary>
public sealed class CachedBody : ICachedValue
{
    /// <summary>Below this, compression saves less than the headers it costs.</summary>
    public const int CompressionThreshold = 1024;

    private readonly Lazy<byte[]> _brotli;
    private readonly Lazy<byte[]> _gzip;

    public CachedBody(byte[] bytes, string contentType, bool cacheCompressed = true)
    {
        Bytes = bytes;
        ContentType = contentType;
        Cached = cacheCompressed;
        ETag = ETags.Of(bytes);
        // Cached bodies are compressed once at a good ratio; one-off bodies (lists, search) at the fastest level.
        var level = cacheCompressed ? CompressionLevel.Optimal : CompressionLevel.Fastest;
        _brotli = new Lazy<byte[]>(() => Compress(bytes, s => new BrotliStream(s, level, leaveOpen: true)));
        _gzip = new Lazy<byte[]>(() => Compress(bytes, s => new GZipStream(s, level, leaveOpen: true)));
    }

    public byte[] Bytes { get; }
    public string ContentType { get; }
    public string ETag { get; }

    /// <summary>True for bodies kept and reused (memoized on the snapshot), false for one-off bodies built per request.</summary>
    public bool Cached { get; }

    public bool Compressible => Bytes.Length >= CompressionThreshold;

    /// <summary>The bytes, plus room for the compressed forms made on demand and the object itself.</summary>
    public long CachedSize => Bytes.Length + (Bytes.Length / 2) + 256;

    public byte[] Encoded(string encoding) => encoding == "br" ? _brotli.Value : _gzip.Value;

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream(bytes.Length / 3 + 64);
        using (var compressor = wrap(output))
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }
}

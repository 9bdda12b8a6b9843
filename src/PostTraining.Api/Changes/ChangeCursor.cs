using System.Buffers.Binary;
using System.Buffers.Text;

namespace PostTraining.Api.Changes;

/// <summary>
/// The opaque position in the change feed: the id of the last entry seen, versioned and base64url-encoded so clients
/// treat it as a token rather than a number to do arithmetic on.
/// </summary>
public static class ChangeCursor
{
    private const byte Version = 1;

    public static string Encode(long lastId)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], lastId);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out long lastId)
    {
        lastId = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 16)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[12];
        if (Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != 9 || bytes[0] != Version)
        {
            return false;
        }

        lastId = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        return lastId >= 0;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace PostTraining.Api.Auth;

/// <summary>
/// The shape and hashing of API key secrets. A secret reads <c>pt_&lt;prefix&gt;_&lt;random&gt;</c>: the prefix is stored
/// in clear so the row is found by index without trying every hash; the whole secret is stored only as an
/// HMAC-SHA256 under a per-key random salt. The random part carries 256 bits, so a fast keyed hash is enough (slow
/// password hashes exist for guessable passwords) and validation stays cheap on every write.
/// </summary>
public static class ApiKeySecret
{
    private const string Marker = "pt_";
    private const int PrefixLength = 12;
    private const int MaxLength = 200;

    public sealed record Generated(string Secret, string Prefix, byte[] Salt, byte[] Hash);

    public static Generated Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var random = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var secret = $"{Marker}{prefix}_{random}";
        var salt = RandomNumberGenerator.GetBytes(16);
        return new Generated(secret, prefix, salt, Hash(secret, salt));
    }

    /// <summary>Reads the prefix out of a presented secret; false when it cannot be one of our keys.</summary>
    public static bool TryGetPrefix(string presented, out string prefix)
    {
        prefix = "";
        if (presented.Length > MaxLength || !presented.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var end = presented.IndexOf('_', Marker.Length);
        if (end != Marker.Length + PrefixLength || end == presented.Length - 1)
        {
            return false;
        }

        prefix = presented.Substring(Marker.Length, PrefixLength);
        return prefix.All(char.IsAsciiHexDigitLower);
    }

    public static bool Matches(string presented, byte[] salt, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented, salt), expectedHash);

    /// <summary>
    /// Compares two secrets in time independent of where they differ, and of their lengths (both are hashed to a
    /// fixed size first).
    /// </summary>
    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static byte[] Hash(string secret, byte[] salt) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));
}

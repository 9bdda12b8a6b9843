using System.Net;
using System.Text;
using System.Text.Unicode;

namespace PostTraining.Api.Http;

/// <summary>
/// The raw query string, checked before binding: ASP.NET decodes a malformed percent sequence (<c>%C3%28</c>) by
/// leaving it as text, so a search would run on "%C3(" instead of telling the client its encoding is wrong.
/// </summary>
public static class QueryText
{
    /// <summary>The (decoded) name of the first parameter whose name or value is not UTF-8 once percent-decoded, or null.</summary>
    public static string? FirstInvalidUtf8(string? queryString)
    {
        // Only a percent escape can carry bytes that are no UTF-8: most reads pay one IndexOf on the hot path.
        if (string.IsNullOrEmpty(queryString) || !queryString.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var pair in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!pair.Contains('%', StringComparison.Ordinal))
            {
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (!Utf8.IsValid(PercentDecode(pair)))
            {
                return Utf8.IsValid(PercentDecode(name)) ? Uri.UnescapeDataString(name.Replace('+', ' ')) : "(a parameter name)";
            }
        }

        return null;
    }

    // Query strings are ASCII on the wire; WebUtility decodes %XY to its byte and '+' to a space, leaving the bytes to check.
    private static byte[] PercentDecode(string text)
    {
        var raw = Encoding.UTF8.GetBytes(text);
        return WebUtility.UrlDecodeToBytes(raw, 0, raw.Length) ?? [];
    }
}

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
        if (string.IsNullOrEmpty(queryString))
        {
            return null;
        }

        foreach (var pair in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (!Utf8.IsValid(PercentDecode(pair)))
            {
                return Utf8.IsValid(PercentDecode(name)) ? Uri.UnescapeDataString(name.Replace('+', ' ')) : "(a parameter name)";
            }
        }

        return null;
    }

    private static byte[] PercentDecode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i] == '+' ? " " : text[i].ToString()));
            }
        }

        return [.. bytes];
    }
}

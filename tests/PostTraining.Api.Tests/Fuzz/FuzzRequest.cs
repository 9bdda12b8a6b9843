using System.Globalization;
using System.Text;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>What a generated request is meant to be, and so what its answer must be.</summary>
internal enum Intent
{
    /// <summary>Well-formed and naming things that exist: must succeed (2xx/304), or 404 for a well-formed unknown slug.</summary>
    Valid,

    /// <summary>Breaks a documented rule (type, range, enum, unknown member, malformed body): must be refused with a 4xx.</summary>
    Invalid,

    /// <summary>Odd but not necessarily wrong (injection strings in free text): anything but a 5xx, conforming to the document.</summary>
    Any,

    /// <summary>A key-protected operation called without a key or with a bad one: must be 401.</summary>
    Unauthenticated,
}

internal sealed record FuzzRequest(
    ApiOperation Operation,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    string? ContentType,
    Intent Intent,
    string Why)
{
    public string Url => Query.Count == 0
        ? Path
        : Path + "?" + string.Join('&', Query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));

    public HttpRequestMessage ToHttp()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>A reproduction a person can paste: CsCheck prints this for the shrunk failing case.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"[{Intent}: {Why}] {Operation.Method} {Url}");
        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {name}: {Shorten(value)}");
        }

        if (ContentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  Content-Type: {ContentType}");
        }

        if (Body is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  body ({Body.Length} chars): {Shorten(Body)}");
        }

        return text.ToString();
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

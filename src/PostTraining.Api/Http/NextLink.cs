using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Http;

/// <summary>
/// The RFC 8288 <c>Link: &lt;url&gt;; rel="next"</c> header every paged list sends beside its body's <c>next</c>, so
/// clients that follow headers (and those that cannot parse the body, such as a BibTeX page) page the same way.
/// </summary>
public static class NextLink
{
    public static string Header(string nextUrl) => $"<{nextUrl}>; rel=\"next\"";

    /// <summary>Sets the header when there is a next page (for lists not written through <see cref="BodyResult{T}"/>).</summary>
    public static void Add(HttpResponse response, string? nextUrl)
    {
        if (nextUrl is not null)
        {
            response.Headers.Link = Header(nextUrl);
        }
    }
}

/// <summary>A cached list page: its body and the absolute URL of the page after it (null on the last), for the Link header.</summary>
public sealed record PagedBody(CachedBody Body, string? Next) : ICachedValue
{
    public long CachedSize => Body.CachedSize + (Next?.Length ?? 0) * 2;
}

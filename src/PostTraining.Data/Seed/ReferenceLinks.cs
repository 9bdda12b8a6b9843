using System.Text.RegularExpressions;

namespace PostTraining.Data.Seed;

/// <summary>Turns a reference link as written into its real target, its arXiv id and its slug.</summary>
public static partial class ReferenceLinks
{
    /// <summary>Hosts that wrap the real target in a query parameter, and the parameter's name.</summary>
    private static readonly Dictionary<string, string> RedirectHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["link.zhihu.com"] = "target",
    };

    /// <summary>
    /// The real target of <paramref name="url"/>: redirect wrappers decoded. Null with a reason when the link is broken
    /// (empty, relative, not http(s), or a wrapper without a target).
    /// </summary>
    public static string? Resolve(string? url, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            problem = "the link has no URL";
            return null;
        }

        if (!TryHttpUri(url.Trim(), out var uri))
        {
            problem = $"'{url}' is not an absolute http(s) URL";
            return null;
        }

        if (!RedirectHosts.TryGetValue(uri.Host, out var parameter))
        {
            return uri.OriginalString;
        }

        var target = QueryValue(uri.Query, parameter);
        if (target is null || !TryHttpUri(target, out var real))
        {
            problem = $"'{url}' is a {uri.Host} redirect without a usable '{parameter}' target";
            return null;
        }

        return real.OriginalString;
    }

    /// <summary>The new-style arXiv identifier without version ("2503.06072") of an arxiv.org abs/pdf/html URL.</summary>
    public static string? ArxivId(string url)
    {
        var match = ArxivUrl().Match(url);
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>"arxiv-2503-06072" for an arXiv paper; otherwise the site's name and the path, e.g. "zhihu-p-49358536242".</summary>
    public static string SlugFor(string url, string? arxivId)
    {
        if (arxivId is not null)
        {
            return ArxivSlug(arxivId);
        }

        var uri = new Uri(url);
        var labels = uri.Host.Split('.');
        var site = labels.Length >= 2 ? labels[^2] : labels[0];
        return Slugs.Kebab($"{site} {uri.AbsolutePath}");
    }

    /// <summary>'arxiv-2305-18290': the one slug rule for an arXiv paper, whoever names it (document, API, BibTeX import).</summary>
    public static string ArxivSlug(string arxivId) => "arxiv-" + Slugs.Kebab(arxivId);

    private static bool TryHttpUri(string text, out Uri uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    [GeneratedRegex(@"^https?://(www\.)?arxiv\.org/(abs|pdf|html)/(?<id>\d{4}\.\d{4,5})(v\d+)?(\.pdf)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivUrl();
}

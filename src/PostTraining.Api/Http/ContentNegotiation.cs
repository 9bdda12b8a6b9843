using Microsoft.Net.Http.Headers;

namespace PostTraining.Api.Http;

/// <summary>A representation an endpoint offers: the <c>format</c> value that picks it and its media type.</summary>
public sealed record MediaFormat(string Name, string MediaType)
{
    public static readonly MediaFormat Json = new("json", "application/json; charset=utf-8");
    public static readonly MediaFormat JsonLd = new("jsonld", "application/ld+json; charset=utf-8");
    public static readonly MediaFormat Mermaid = new("mermaid", "text/vnd.mermaid; charset=utf-8");
    public static readonly MediaFormat Dot = new("dot", "text/vnd.graphviz; charset=utf-8");
    public static readonly MediaFormat Csv = new("csv", "text/csv; charset=utf-8; header=present");
    public static readonly MediaFormat BibTex = new("bibtex", "application/x-bibtex; charset=utf-8");

    /// <summary>RFC 7763 Markdown; the variant names the table syntax used (GitHub Flavored Markdown).</summary>
    public static readonly MediaFormat Markdown = new("markdown", "text/markdown; charset=utf-8; variant=GFM");

    public string Essence => MediaType.Split(';')[0];
}

/// <summary>Chooses a representation: the <c>format</c> query parameter wins, then Accept (by quality), then the first offered.</summary>
public static class ContentNegotiation
{
    /// <summary>The chosen format, or null with either <paramref name="badFormat"/> (400) or <paramref name="notAcceptable"/> (406) set.</summary>
    public static MediaFormat? Choose(HttpRequest request, string? format, IReadOnlyList<MediaFormat> offered,
        out Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? badFormat, out Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? notAcceptable)
    {
        badFormat = null;
        notAcceptable = null;
        if (!string.IsNullOrEmpty(format))
        {
            var byName = offered.FirstOrDefault(f => f.Name.Equals(format, StringComparison.OrdinalIgnoreCase));
            if (byName is null)
            {
                badFormat = Problems.Invalid("format", $"Unknown format '{format}'. Use one of: {string.Join(", ", offered.Select(f => f.Name))}.");
            }

            return byName;
        }

        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return offered[0];
        }

        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var type = range.MediaType.Value ?? "";
            if (type == "*/*")
            {
                return offered[0];
            }

            var match = type.EndsWith("/*", StringComparison.Ordinal)
                ? offered.FirstOrDefault(f => f.Essence.StartsWith(type[..^1], StringComparison.OrdinalIgnoreCase))
                : offered.FirstOrDefault(f => f.Essence.Equals(type, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        notAcceptable = Problems.NotAcceptable(offered.Select(f => f.Essence));
        return null;
    }
}

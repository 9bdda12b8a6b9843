using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PostTraining.Data.Bibliography;

/// <summary>
/// What makes two bibliographic records the same work: the arXiv id, else the DOI, else the normalised title with
/// years at most one apart (a preprint and its venue version are often a year apart). Shared by the BibTeX import and
/// the checks of the data files, so both merge the same way.
/// </summary>
public static partial class ReferenceIdentity
{
    /// <summary>A DOI in its stored form (lower case, no resolver prefix), or null when the text is not one.</summary>
    public static string? NormaliseDoi(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var doi = value.Trim();
        foreach (var prefix in (string[])["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"])
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[prefix.Length..];
                break;
            }
        }

        doi = doi.ToLowerInvariant();
        return DoiPattern().IsMatch(doi) && doi.Length <= 200 ? doi : null;
    }

    /// <summary>The arXiv id inside a URL, a <c>journal = {arXiv preprint arXiv:2402.03300}</c> or a bare id, without its version.</summary>
    public static string? FindArxivId(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = ArxivInText().Match(text);
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>
    /// A title reduced to what survives case-folding and BibTeX's braces: letters and digits of its words, lower case,
    /// accents removed, one space between words.
    /// </summary>
    public static string NormaliseTitle(string title)
    {
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>True when two records are the same work by the rule above.</summary>
    public static bool SameWork(Record a, Record b)
    {
        if (a.ArxivId is not null && b.ArxivId is not null)
        {
            return a.ArxivId == b.ArxivId;
        }

        if (a.Doi is not null && b.Doi is not null)
        {
            return a.Doi == b.Doi;
        }

        return a.Title is not null && b.Title is not null
            && NormaliseTitle(a.Title) == NormaliseTitle(b.Title)
            && (a.Year is null || b.Year is null || Math.Abs(a.Year.Value - b.Year.Value) <= 1);
    }

    /// <summary>The identifying facts of a record.</summary>
    public sealed record Record(string? ArxivId, string? Doi, string? Title, int? Year);

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex DoiPattern();

    // New-style ids (2402.03300, optionally v2) after "arxiv:" or in an arxiv.org URL, or as the whole text.
    [GeneratedRegex(@"(?:arxiv[:\s]\s*|arxiv\.org/(?:abs|pdf)/|^\s*)(?<id>\d{4}\.\d{4,5})(?:v\d+)?", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivInText();
}

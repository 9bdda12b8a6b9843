using System.Text.RegularExpressions;
using PostTraining.Api.Http;

namespace PostTraining.Api.Writes;

/// <summary>
/// Field rules shared by every write body. Limits match the database columns, so a valid body never fails on a
/// column length, and every rule reports under the member it concerns.
/// </summary>
public static partial class Rules
{
    public const int SlugMax = 80;
    public const int NameMax = 300;
    public const int AbbreviationMax = 40;
    public const int DescriptionMax = 8000;
    public const int GoalMax = 500;
    public const int AliasMax = 100;
    public const int AliasesMax = 30;
    public const int AuthorMax = 200;
    public const int AuthorsMax = 100;
    public const int VenueMax = 300;
    public const int UrlMax = 2000;
    public const int NoteMax = 2000;
    public const int LanguageMax = 35;
    public const int MinYear = 1900;

    public static int MaxYear => DateTime.UtcNow.Year + 1;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    // arXiv identifiers: the scheme since 2007 (YYMM.NNNN, five digits since 2015) and the older archive/YYMMNNN.
    [GeneratedRegex(@"^(\d{4}\.\d{4,5}|[a-z]+(-[a-z]+)*(\.[A-Z]{2})?/\d{7})(v\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArxivPattern();

    // The well-formed language tags of RFC 5646 (language, extlang, script, region, variants, extensions, private use).
    [GeneratedRegex(@"^([a-zA-Z]{2,3}(-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|\d{3}))?(-([a-zA-Z0-9]{5,8}|\d[a-zA-Z0-9]{3}))*(-[0-9a-wyzA-WYZ](-[a-zA-Z0-9]{2,8})+)*(-x(-[a-zA-Z0-9]{1,8})+)?$|^x(-[a-zA-Z0-9]{1,8})+$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTagPattern();

    public static bool IsSlug(string? value) => value is { Length: > 0 and <= SlugMax } && SlugPattern().IsMatch(value);

    public static void Slug(ValidationErrors errors, string member, string? value, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(member, "Required.");
            }

            return;
        }

        if (value.Length > SlugMax)
        {
            errors.Add(member, $"At most {SlugMax} characters.");
        }
        else if (!SlugPattern().IsMatch(value))
        {
            errors.Add(member, "Lowercase ASCII letters and digits in words joined by single hyphens (e.g. 'direct-preference-optimization').");
        }
    }

    public static void Text(ValidationErrors errors, string member, string? value, int max, bool required = false, bool multiline = false)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(member, "Required.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(member, "Must not be empty; leave the member out instead.");
        }
        else if (value.Length > max)
        {
            errors.Add(member, $"At most {max} characters.");
        }
        else if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(member, multiline ? "Must not contain control characters other than line breaks and tabs." : "Must be a single line without control characters.");
        }
        else if (value.Trim().Length != value.Length)
        {
            errors.Add(member, "Must not start or end with white space.");
        }
    }

    public static void TextList(ValidationErrors errors, string member, IReadOnlyList<string>? values, int maxCount, int maxLength)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > maxCount)
        {
            errors.Add(member, $"At most {maxCount} entries.");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            Text(errors, $"{member}[{i}]", values[i], maxLength, required: true);
        }

        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            errors.Add(member, "Entries must be distinct.");
        }
    }

    public static void Url(ValidationErrors errors, string member, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > UrlMax)
        {
            errors.Add(member, $"At most {UrlMax} characters.");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
                 || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                 || string.IsNullOrEmpty(uri.Host)
                 || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(member, "Must be an absolute http or https URL without credentials.");
        }
    }

    /// <summary>Checks an arXiv identifier and returns it without its version suffix (the work, not one revision).</summary>
    public static string? ArxivId(ValidationErrors errors, string member, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > 40 || !ArxivPattern().IsMatch(value))
        {
            errors.Add(member, "Must be an arXiv identifier such as '2305.18290', '2305.18290v2' or 'hep-th/9901001'.");
            return null;
        }

        var version = value.LastIndexOf('v');
        return version > 0 && value[(version + 1)..].All(char.IsAsciiDigit) && value[version - 1] is >= '0' and <= '9'
            ? value[..version]
            : value;
    }

    /// <summary>Checks a DOI and returns it in its stored form (lower case, without a resolver prefix).</summary>
    public static string? Doi(ValidationErrors errors, string member, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var doi = PostTraining.Data.Bibliography.ReferenceIdentity.NormaliseDoi(value);
        if (doi is null)
        {
            errors.Add(member, "Must be a DOI such as '10.1007/BF00992696' (optionally as a https://doi.org/ URL), at most 200 characters.");
        }

        return doi;
    }

    public static void Year(ValidationErrors errors, string member, int? value)
    {
        if (value is { } year && (year < MinYear || year > MaxYear))
        {
            errors.Add(member, $"Must be between {MinYear} and {MaxYear}.");
        }
    }

    public static void Language(ValidationErrors errors, string member, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > LanguageMax || !LanguageTagPattern().IsMatch(value))
        {
            errors.Add(member, "Must be a BCP 47 language tag such as 'en', 'zh' or 'zh-Hans'.");
        }
    }

    public static void OneOf(ValidationErrors errors, string member, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(member, $"Required: one of {string.Join(", ", allowed)}.");
            }

            return;
        }

        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(member, $"Must be one of {string.Join(", ", allowed)}.");
        }
    }
}

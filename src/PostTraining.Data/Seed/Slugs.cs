using System.Text;
using System.Text.RegularExpressions;

namespace PostTraining.Data.Seed;

/// <summary>The slug rules of docs/architecture.md ("Slugs of the document's entities").</summary>
public static partial class Slugs
{
    /// <summary>Lowercase ASCII letters and digits in runs joined by single hyphens; what the nodes table accepts.</summary>
    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= 80 } && SlugPattern().IsMatch(slug);

    /// <summary>"Gemini-2.0" -> "gemini-2-0", "Prompt Source" -> "prompt-source"; empty when the text has no ASCII letters or digits.</summary>
    public static string Kebab(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>A technique known by an abbreviation takes it lowercased; anything else its English name in kebab case.</summary>
    public static string ForTechnique(string nameEn, string? abbreviation) =>
        abbreviation is not null ? Kebab(abbreviation) : Kebab(nameEn);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PostTraining.Data.Bibliography;

/// <summary>The slug a new reference gets when none is given (API writes and the BibTeX import share it).</summary>
public static partial class ReferenceSlugs
{
    /// <summary>'arxiv-2305-18290' from an arXiv id; otherwise the title's ASCII words, kebab-cased, cut at a word.</summary>
    public static string Derive(string? arxivId, string title)
    {
        if (arxivId is not null)
        {
            return Seed.ReferenceLinks.ArxivSlug(arxivId);
        }

        var words = new StringBuilder();
        foreach (var word in NonWord().Split(title.ToLowerInvariant()).Where(w => w.Length > 0))
        {
            if (words.Length + word.Length + 1 > 60)
            {
                break;
            }

            words.Append(words.Length > 0 ? "-" : "").Append(word);
        }

        // A title with no ASCII words (e.g. all Chinese) gets a stable slug from its hash.
        return words.Length > 0 ? words.ToString() : "ref-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title)))[..12];
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}

using System.Text;

namespace PostTraining.Api.Search;

/// <summary>
/// The one normalisation search applies to both the indexed text and the query: NFKC (full-width ＤＰＯ becomes DPO,
/// compatibility ideographs their unified form), lower case, runs of white space collapsed.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Han, kana and Hangul: scripts written without spaces, searched by substring rather than by word.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uAC00' and <= '\uD7AF');

    /// <summary>A character that belongs to a word of a space-separated script.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    /// <summary>Words (runs of word characters) of folded text, with their start offsets.</summary>
    public static IEnumerable<(string Word, int Start)> Words(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && IsWordChar(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (folded[start..i], start);
                start = -1;
            }
        }
    }

    /// <summary>Runs of CJK characters of folded text.</summary>
    public static IEnumerable<string> CjkRuns(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inRun = i < folded.Length && IsCjk(folded[i]);
            if (inRun && start < 0)
            {
                start = i;
            }
            else if (!inRun && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Levenshtein distance if it is at most <paramref name="max"/>, else -1; stops early once every cell exceeds it.</summary>
    public static int BoundedLevenshtein(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return -1;
        }

        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > max)
            {
                return -1;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length] <= max ? previous[b.Length] : -1;
    }

    /// <summary>
    /// True when <paramref name="index"/> starts a word of a space-separated script in <paramref name="text"/>. Inside
    /// CJK text there are no word boundaries to start at, so a match there is a plain substring.
    /// </summary>
    public static bool IsWordStart(string text, int index) =>
        index == 0 || (IsWordChar(text[index]) && !IsWordChar(text[index - 1]));
}

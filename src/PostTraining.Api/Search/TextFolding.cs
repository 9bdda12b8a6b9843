using System.Text;

namespace PostTraining.Api.Search;

/// <summary>
/// The one normalisation search applies to both the indexed text and the query: NFKC (full-width ＤＰＯ becomes DPO,
/// compatibility ideographs their unified form), lower case, runs of white space collapsed, and Traditional Chinese
/// folded to Simplified (<see cref="ChineseFolding"/>: 強化學習 becomes 强化学习).
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        var mayBeChinese = false;
        foreach (var c in normalized)
        {
            // Below U+2E80 nothing is Han (nor a surrogate of a supplementary ideograph): most text skips the dictionaries.
            mayBeChinese |= c >= '\u2E80';
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

        var folded = builder.ToString();
        return mayBeChinese ? ChineseFolding.Fold(folded) : folded;
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

    /// <summary>
    /// The terms of folded text in order: words of space-separated scripts and runs of CJK characters, each with its
    /// start. The script boundary ends a term, so "lora微调" is "lora" then "微调", as "lora 微调" is.
    /// </summary>
    public static IEnumerable<(string Text, int Start, bool IsRun)> Terms(string folded)
    {
        var start = -1;
        var run = false;
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            var cjk = IsCjk(c);
            var inTerm = cjk || IsWordChar(c);
            if (start >= 0 && (!inTerm || cjk != run))
            {
                yield return (folded[start..i], start, run);
                start = -1;
            }

            if (inTerm && start < 0)
            {
                (start, run) = (i, cjk);
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

    /// <summary>
    /// The optimal string alignment distance (Damerau-Levenshtein where a swap of two adjacent letters is one edit,
    /// as people mistype: <c>lroa</c> is one edit from <c>lora</c>, not two) if it is at most <paramref name="max"/>,
    /// else -1; stops early once a whole row exceeds the bound.
    /// </summary>
    public static int BoundedEditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return -1;
        }

        // Three rows: a transposition looks two rows back.
        Span<int> rows = stackalloc int[3 * (b.Length + 1)];
        var beforePrevious = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[(2 * (b.Length + 1))..];
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
                var best = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, beforePrevious[j - 2] + 1);
                }

                current[j] = best;
                rowMin = Math.Min(rowMin, best);
            }

            if (rowMin > max)
            {
                return -1;
            }

            var spare = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = spare;
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

using System.Globalization;
using System.Text.RegularExpressions;

namespace PostTraining.Data.Seed;

public enum MentionKind
{
    Model,
    Dataset,
}

/// <summary>A model or dataset named in running text, and which pattern named it.</summary>
public sealed record Mention(MentionKind Kind, string Name, string? Parameters, string Pattern, int Offset);

/// <summary>
/// Finds the models and datasets a paragraph names, by a short list of phrasings the document uses to introduce
/// them. Each pattern captures a list of names and says what kind they are; a captured name counts only if it looks
/// like a product name (Latin letters, digits, '.', '-', spaces), so Chinese words around the list never leak in.
/// A phrasing not listed here names nothing: extend the list, with a test, rather than loosen a pattern.
/// </summary>
public static partial class MentionScanner
{
    private sealed record Pattern(string Name, Regex Regex, Func<Match, MentionKind?> Kind);

    private static readonly Pattern[] Patterns =
    [
        // "如 GPT-4、LLaMA-3、Gemini-2.0 和 Claude-3.5 等模型": an inline list closed by "等模型".
        new("如 … 等模型", ListThenModels(), _ => MentionKind.Model),

        // "开源 LLMs（例如 LLaMA、Gemma 和 Nemotron）", "数据集（例如 Prompt Source 和 Flan）": examples of the noun before them.
        new("<名词>（例如 …）", NounThenExamples(), m => KindOfNoun(m.Groups["noun"].Value)),

        // "具有 1750 亿个参数的 GPT-3": a model with its parameter count.
        new("具有 N 亿个参数的 X", ModelWithParameters(), _ => MentionKind.Model),

        // "最新一代的 LLM，DeepSeek-R1，": a model set off by commas after the word LLM.
        new("LLM，X，", ModelInApposition(), _ => MentionKind.Model),

        // The pre-training paragraph: "静态预训练方法，如神经网络语言模型(NNLM) 和 Word2vec，", "动态预训练技术的发展，如
        // BERT 和 XLNet。", "多种架构，包括 GPT-2 和 BART。": examples of methods, techniques or architectures.
        new("<方法/技术/架构>，如/包括 …", ApproachThenExamples(), _ => MentionKind.Model),
    ];

    /// <summary>Every mention in <paramref name="text"/>, in the order they appear.</summary>
    public static IReadOnlyList<Mention> Scan(string text)
    {
        var found = new List<Mention>();
        foreach (var pattern in Patterns)
        {
            foreach (Match match in pattern.Regex.Matches(text))
            {
                if (pattern.Kind(match) is not { } kind)
                {
                    continue;
                }

                var parameters = match.Groups["count"].Success
                    ? Parameters(match.Groups["count"].Value, match.Groups["unit"].Value)
                    : null;
                var names = match.Groups["list"];
                foreach (var (name, offset) in SplitList(names.Value, names.Index))
                {
                    found.Add(new Mention(kind, name, parameters, pattern.Name, offset));
                }
            }
        }

        return [.. found.OrderBy(m => m.Offset)];
    }

    /// <summary>"1750" + "亿" -> "175B": the count in the customary unit (T, B, M).</summary>
    public static string? Parameters(string count, string unit)
    {
        if (!decimal.TryParse(count, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var total = unit switch
        {
            "万亿" => value * 1_000_000_000_000m,
            "千亿" => value * 100_000_000_000m,
            "亿" => value * 100_000_000m,
            "万" => value * 10_000m,
            "T" => value * 1_000_000_000_000m,
            "B" => value * 1_000_000_000m,
            "M" => value * 1_000_000m,
            _ => value,
        };
        var (scale, suffix) = total switch
        {
            >= 1_000_000_000_000m => (1_000_000_000_000m, "T"),
            >= 1_000_000_000m => (1_000_000_000m, "B"),
            >= 1_000_000m => (1_000_000m, "M"),
            _ => (1m, ""),
        };
        return (total / scale).ToString("0.###", CultureInfo.InvariantCulture) + suffix;
    }

    private static MentionKind? KindOfNoun(string noun) =>
        noun.EndsWith("数据集", StringComparison.Ordinal) || noun.EndsWith("datasets", StringComparison.OrdinalIgnoreCase) ? MentionKind.Dataset
        : noun.EndsWith("模型", StringComparison.Ordinal) || noun.EndsWith("LLMs", StringComparison.Ordinal) || noun.EndsWith("LLM", StringComparison.Ordinal) ? MentionKind.Model
        : null;

    /// <summary>Splits "A、B 和 C" into names with their offsets; drops anything that does not look like a name.</summary>
    private static IEnumerable<(string Name, int Offset)> SplitList(string list, int start)
    {
        var from = 0;
        foreach (var separator in ListSeparator().Matches(list).Cast<Match?>().Append(null))
        {
            var to = separator?.Index ?? list.Length;
            var raw = list[from..to];
            var name = raw.Trim();
            if (ChineseNameWithAbbreviation().Match(name) is { Success: true } abbreviated)
            {
                // "神经网络语言模型(NNLM)": the model goes by its abbreviation.
                yield return (abbreviated.Groups["abbr"].Value, start + from + raw.IndexOf(abbreviated.Groups["abbr"].Value, StringComparison.Ordinal));
            }

            if (NameShape().IsMatch(name))
            {
                yield return (name, start + from + (raw.Length - raw.TrimStart().Length));
            }

            if (separator is not null)
            {
                from = separator.Index + separator.Length;
            }
        }
    }

    [GeneratedRegex(@"(?<!例)如\s*(?<list>[^，。；：（）()]+?)\s*等模型")]
    private static partial Regex ListThenModels();

    [GeneratedRegex(@"(?<noun>[A-Za-z]+|\p{IsCJKUnifiedIdeographs}+)\s*[（(]\s*例如\s*(?<list>[^）)]+?)\s*(等)?\s*[）)]")]
    private static partial Regex NounThenExamples();

    [GeneratedRegex(@"具有\s*(?<count>\d+(\.\d+)?)\s*(?<unit>万亿|千亿|亿|万|[TBM])\s*个?参数的\s*(?<list>[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9])")]
    private static partial Regex ModelWithParameters();

    [GeneratedRegex(@"LLM\s*，\s*(?<list>[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9])\s*，")]
    private static partial Regex ModelInApposition();

    [GeneratedRegex(@"(?:方法|技术的发展|架构)\s*，\s*(?:如|包括)\s*(?<list>[^，。；：]+?)\s*[，。]")]
    private static partial Regex ApproachThenExamples();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}+\s*[（(]\s*(?<abbr>[A-Za-z][A-Za-z0-9.\-]*)\s*[）)]$")]
    private static partial Regex ChineseNameWithAbbreviation();

    /// <summary>What separates the items of an inline list: 、 , ， and the words 和 / 及 / 与 / and / or.</summary>
    [GeneratedRegex(@"\s*([、,，]|和|及|与|\band\b|\bor\b)\s*")]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.\-]*( [A-Za-z0-9][A-Za-z0-9.\-]*)*$")]
    private static partial Regex NameShape();
}

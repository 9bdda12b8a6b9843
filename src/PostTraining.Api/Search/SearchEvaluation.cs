using System.Globalization;
using System.Text;

namespace PostTraining.Api.Search;

/// <summary>
/// success@1 and success@3 of a search over judged queries: a query succeeds at k when a right first answer is among
/// the first k hits of a full-mode search across every kind, as <c>/api/v1/search?q=</c> answers it.
/// </summary>
public sealed class SearchEvaluation
{
    public const int Depth = 3;

    private SearchEvaluation(IReadOnlyList<JudgedQuery> queries) => Queries = queries;

    public IReadOnlyList<JudgedQuery> Queries { get; }

    public int SuccessAt1 => Queries.Count(q => q.Rank == 1);

    public int SuccessAt3 => Queries.Count(q => q.Rank is >= 1 and <= Depth);

    /// <summary>Scores <paramref name="search"/> directly (the engine the endpoint answers from).</summary>
    public static SearchEvaluation Run(SnapshotSearch search, SearchJudgments judgments) =>
        new(judgments.Queries.Select(j => Judge(j, search.Find(j.Q, Depth).Select(h => h.Node.Slug).ToArray())).ToArray());

    /// <summary>Scores any search given as query -> slugs of its hits, best first (e.g. the HTTP endpoint).</summary>
    public static async Task<SearchEvaluation> RunAsync(SearchJudgments judgments, Func<string, Task<IReadOnlyList<string>>> search)
    {
        var judged = new List<JudgedQuery>(judgments.Queries.Count);
        foreach (var judgment in judgments.Queries)
        {
            judged.Add(Judge(judgment, [.. (await search(judgment.Q)).Take(Depth)]));
        }

        return new SearchEvaluation(judged);
    }

    /// <summary>The figures, then one line per query: the rank of its first right answer (- when none is in the first three) and the first three answers.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"success@1 {SuccessAt1}/{Queries.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"success@{Depth} {SuccessAt3}/{Queries.Count}");
        foreach (var q in Queries)
        {
            var rank = q.Rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"{rank}\t{q.Judgment.Q}\texpected {q.Judgment.Top1}\tgot {(q.Top.Count == 0 ? "(nothing)" : string.Join(", ", q.Top))}");
        }

        return text.ToString();
    }

    private static JudgedQuery Judge(SearchJudgment judgment, string[] slugs)
    {
        var at = Array.FindIndex(slugs, judgment.Accepts);
        return new JudgedQuery(judgment, slugs, at < 0 ? null : at + 1);
    }
}

/// <summary>A judged query's first hits (slugs) and the 1-based rank of the first right answer among them, if any.</summary>
public sealed record JudgedQuery(SearchJudgment Judgment, IReadOnlyList<string> Top, int? Rank)
{
    public string? First => Top.Count > 0 ? Top[0] : null;
}

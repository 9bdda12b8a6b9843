using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostTraining.Api.Search;

/// <summary>
/// One judged query: what a user typed, the slug they expect first, and slugs that also count as a right first answer
/// (a paradigm and its method of the same name, say).
/// </summary>
public sealed record SearchJudgment(string Q, string Top1, IReadOnlyList<string>? AlsoTop1 = null)
{
    /// <summary>Whether <paramref name="slug"/> is a right first answer.</summary>
    public bool Accepts(string slug) => slug == Top1 || (AlsoTop1?.Contains(slug) ?? false);
}

/// <summary>A judgments file: <c>{ "queries": [{ "q", "top1", "alsoTop1"? }] }</c> (other members are ignored).</summary>
public sealed record SearchJudgments(IReadOnlyList<SearchJudgment> Queries)
{
    public static SearchJudgments Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, SearchJudgmentsJson.Default.SearchJudgments)
            ?? throw new InvalidDataException($"{path} holds no judgments.");
        return file.Queries is { Count: > 0 } && file.Queries.All(q => !string.IsNullOrWhiteSpace(q.Q) && !string.IsNullOrWhiteSpace(q.Top1))
            ? file
            : throw new InvalidDataException($"{path}: every query needs a non-empty \"q\" and \"top1\".");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(SearchJudgments))]
internal sealed partial class SearchJudgmentsJson : JsonSerializerContext;

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Search;

public static class SearchEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Every snapshot the read model builds gets its search index from <see cref="SnapshotSearchFactory"/>.</summary>
    public static void AddSearch(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<ISnapshotIndexFactory, SnapshotSearchFactory>();

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/search", "Search");
        group.MapRead("/", SearchAll, "search", "Search every kind of entity",
                "One ranked list across paradigms, techniques, formulas, references, models, datasets, limitations and " +
                "applications, in Chinese and English. Matches names in both languages, abbreviations, aliases, slugs " +
                "and descriptions: Chinese substrings (`偏好优化` finds DPO), English words and prefixes (`prefer`), " +
                "abbreviations (`GRPO`), small typos (`reinforcment`; two swapped letters are one typo: `lroa` finds " +
                "LoRA), full-width and other compatibility forms (`ＤＰＯ`), Traditional Chinese (`知識蒸餾`, folded to " +
                "Simplified with OpenCC's dictionaries), and mixed Chinese and English (`LoRA微调`, `DPO 偏好`: split " +
                "where the script changes; the terms may match different fields of one entity). An exact name or " +
                "abbreviation ranks above the same text as an alias or in a description; words match whatever separates " +
                "them (`self refine` is `Self-Refine`). With room left on the page, entities sharing at least half of " +
                "the query's words and Chinese character pairs follow, below every full match. Each hit says which field " +
                "matched and how, with a highlight. `mode=prefix` is the type-ahead mode: names, abbreviations, aliases " +
                "and slugs from the start of a word, no typo tolerance.")
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Searches every kind of entity.</summary>
    public static Results<BodyResult<SearchResults>, ValidationProblem> SearchAll(
        [Description("What to look for, in Chinese or English (1 to 200 characters), e.g. 偏好优化.")][Required][StringLength(200, MinimumLength = 1)] string? q,
        [Description("Only entities of these kinds, comma-separated: paradigm, technique, reference, model, dataset, limitation, formula, application.")] string? kind,
        [Description("full (default) or prefix (type-ahead).")][AllowedValues("full", "prefix")][DefaultValue("full")] string? mode,
        [Description("Number of results, 1 to 100.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] int? limit,
        SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.Invalid("q", "Required: the text to search for.");
        }

        // Characters as people count them (Unicode scalar values): an emoji is one, not two UTF-16 units.
        if (q.EnumerateRunes().Count() > 200)
        {
            return Problems.Invalid("q", "At most 200 characters.");
        }

        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Problems.Invalid("limit", $"Must be between 1 and {MaxLimit}; got {size}.");
        }

        var prefix = mode switch
        {
            null or "" or "full" => false,
            "prefix" => true,
            _ => (bool?)null,
        };
        if (prefix is null)
        {
            return Problems.Invalid("mode", $"Unknown mode '{mode}'. Use full or prefix.");
        }

        HashSet<NodeKind>? kinds = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            kinds = [];
            foreach (var name in kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!NodeKinds.TryParse(name, out var parsed))
                {
                    return Problems.Invalid("kind", $"Unknown kind '{name}'. Use one or more of: {string.Join(", ", NodeKinds.Names)}.");
                }

                kinds.Add(parsed);
            }
        }

        // The kinds in a fixed order, so "technique,reference" and "reference,technique" share an entry.
        var kindKey = kinds is null ? "" : string.Join(',', kinds.Select(k => (int)k).Order());
        var body = snapshot.Answer($"search\n{q}\n{kindKey}\n{prefix.Value}\n{size}", () =>
        {
            var hits = snapshot.Search.Find(q, size, kinds, prefix.Value);
            var results = new SearchResults(q, prefix.Value ? "prefix" : "full", hits.Select(ToItem).ToArray());
            return ApiJson.Body(results, SearchJson.Context.SearchResults);
        });
        return new BodyResult<SearchResults>(body);
    }

    private static SearchItem ToItem(SearchHit hit) => new(
        hit.Node.KindName,
        hit.Node.Slug,
        hit.Node.Name(),
        hit.Node.Kind == NodeKind.Technique ? hit.Node.TechniqueKindName() : null,
        hit.Score,
        hit.Field switch
        {
            SearchField.NameEn => "name.en",
            SearchField.NameZh => "name.zh",
            SearchField.Abbreviation => "abbreviation",
            SearchField.Alias => "aliases",
            SearchField.Slug => "slug",
            SearchField.DescriptionEn => "description.en",
            _ => "description.zh",
        },
        hit.Quality switch
        {
            MatchQuality.Exact => "exact",
            MatchQuality.FieldPrefix => "prefix",
            MatchQuality.WordStart => "word-start",
            MatchQuality.Substring => "substring",
            MatchQuality.AllWords => "all-words",
            _ => "fuzzy",
        },
        hit.Highlight,
        hit.Node.Url);
}

using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Platform;

/// <summary>
/// The document's <c>required</c> lists checked against real answers: every public GET of the served document is
/// called with the seeded data (every list page, details of entities from the lists, searches and paths), each
/// response body is walked along the operation's schema, and for each object schema reached a member present in
/// every response of that operation must be <c>required</c> - and a <c>required</c> member must never be missing.
/// A generated client then types what is always there as non-optional.
/// </summary>
public sealed class OpenApiRequiredMembersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// Members the seed happens to fill everywhere but that the service may leave out; each says why (a write may
    /// omit it, or it is absent for a kind of entity the seed has none of). Schema.member.
    /// </summary>
    private static readonly Dictionary<string, string> OptionalByContract = new(StringComparer.Ordinal)
    {
        ["LocalizedText.en"] = "a text may be given in Chinese only (InputValidation.Text requires 'en' only for names)",
        ["LocalizedText.zh"] = "a method's name and any description may lack the Chinese text",
        ["ListPage.next"] = "absent on the last page",
        ["ChangePage.next"] = "absent once the feed is read to its end",
        ["ChangePage.poll"] = "absent while more pages follow",
        ["ChangeEntry.after"] = "absent for a deletion",
        ["ChangeEntry.url"] = "absent for a deleted entity",
        ["SourceInfo.document"] = "an entity written through the API has no source document",
        ["SourceInfo.section"] = "an entity written through the API has no section",
        ["SourceInfo.reference"] = "only curated facts rest on a reference",
        ["RelationshipEnd.source"] = "an outgoing edge names its target instead",
        ["RelationshipEnd.target"] = "an incoming edge names its source instead",
        ["RelationshipItem.note"] = "a relationship may be written without a note",
        ["RelationTypeItem.description"] = "a relation type may come without a description",
        ["NodeLink.name"] = "names are optional for models, datasets and formulas in the data files",
        ["NeighborNode.name"] = "as NodeLink.name",
        ["ReadingStep.name"] = "as NodeLink.name",
        ["ReferenceTechnique.name"] = "as NodeLink.name",
        ["CatalogSummary.name"] = "as NodeLink.name",
        ["CatalogDetail.name"] = "as NodeLink.name",
        ["CatalogDetail.description"] = "a catalog entry may come without a description",
        ["FormulaSummary.name"] = "as NodeLink.name",
        ["FormulaSummary.latex"] = "a formula may be listed before its LaTeX is written",
        ["FormulaSummary.technique"] = "a formula may stand alone",
        ["FormulaDetail.name"] = "as NodeLink.name",
        ["FormulaDetail.latex"] = "as FormulaSummary.latex",
        ["FormulaDetail.technique"] = "as FormulaSummary.technique",
        ["FormulaDetail.description"] = "a formula may come without a description",
        ["FormulaItem.name"] = "as NodeLink.name",
        ["FormulaItem.latex"] = "as FormulaSummary.latex",
        ["FormulaSymbolItem.meaning"] = "a symbol may be listed without its meaning",
        ["ParadigmSummary.goal"] = "a paradigm written through the API may omit its goal",
        ["ParadigmDetail.goal"] = "as ParadigmSummary.goal",
        ["ParadigmDetail.description"] = "a paradigm may come without a description",
        ["SearchItem.name"] = "as NodeLink.name",
        ["TechniqueReference.year"] = "as ReferenceSummary.year",
        // Comparisons come only from data/comparisons.json, whose schema (curated.schema.json) requires no more than
        // a comparison's slug, an axis's slug and type and a row's technique: every other member may be left out.
        ["ComparisonSummary.*"] = "curated.schema.json requires only the slug",
        ["ComparisonDetail.*"] = "curated.schema.json requires only the slug",
        ["ComparisonSource.*"] = "a comparison need not say where it was printed",
        ["ComparisonLink.*"] = "as ComparisonSummary",
        ["ComparisonAxisItem.*"] = "curated.schema.json requires only an axis's slug and type",
        ["ComparisonValueItem.*"] = "a value may be given by slug only",
        ["ComparisonRowItem.*"] = "curated.schema.json requires only a row's technique",
        ["ComparisonCellItem.*"] = "a cell may be given by its values only",
        ["ComparedEntity.*"] = "a row may name a model, which has no paradigm, depth or (always) a name",
        ["TechniqueComparison.*"] = "as ComparisonRowItem",
        ["TechniqueComparisonCell.*"] = "as ComparisonCellItem",
        ["TaxonomyParadigm.goal"] = "as ParadigmSummary.goal",
        ["TaxonomyParadigm.description"] = "a paradigm may come without a description",
        ["TechniqueDetail.description"] = "a technique written through the API may omit its description",
        ["ReferenceSummary.year"] = "a reference may be written without a year",
        ["ReferenceSummary.language"] = "a reference may be written without a language",
        ["ReferenceDetail.year"] = "as ReferenceSummary.year",
        ["ReferenceDetail.language"] = "as ReferenceSummary.language",
    };

    [Fact]
    public async Task EveryMemberPresentInEverySeededResponseIsRequired()
    {
        var client = api.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var ids = await SeededIdsAsync(client);
        var present = new Dictionary<(string Operation, string Schema), HashSet<string>>();
        var missing = new List<string>();
        var answered = 0;

        foreach (var (path, operation) in PublicGets(document.RootElement))
        {
            var operationId = operation.GetProperty("operationId").GetString()!;
            if (!operation.GetProperty("responses").GetProperty("200").TryGetProperty("content", out var content)
                || !content.TryGetProperty("application/json", out var json))
            {
                continue;
            }

            foreach (var url in Urls(path, operation, ids))
            {
                for (var next = url; next is not null;)
                {
                    using var response = await client.GetAsync(next);
                    if (response.StatusCode != System.Net.HttpStatusCode.OK)
                    {
                        break; // e.g. a technique without formulas answers 404 for its reading order; only 200s describe the schema
                    }

                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    answered++;
                    Walk(schemas, json.GetProperty("schema"), body.RootElement, operationId, present, missing);
                    next = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("next", out var n) ? n.GetString() : null;
                }
            }
        }

        Assert.True(answered > 100, $"only {answered} responses were walked");
        var notRequired = present
            .SelectMany(p => p.Value.Select(member => (p.Key.Operation, p.Key.Schema, Member: member)))
            .Where(p => !Required(schemas, p.Schema).Contains(p.Member) && !OptionalByContract.ContainsKey(Generic(p.Schema) + "." + p.Member)
                        && !OptionalByContract.ContainsKey(p.Schema + ".*"))
            .Select(p => $"{p.Operation}: {p.Schema}.{p.Member} is in every response but not required")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(notRequired.Count == 0 && missing.Count == 0,
            string.Join('\n', notRequired.Concat(missing.Distinct().Take(50))));
    }

    /// <summary>Slugs (ids for relationships) of every seeded entity, by collection, read from the lists.</summary>
    private static async Task<Dictionary<string, List<string>>> SeededIdsAsync(HttpClient client)
    {
        var ids = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var collection in (string[])["paradigms", "techniques", "references", "relationships", "relation-types", "formulas", "models", "datasets", "limitations", "applications", "comparisons"])
        {
            var list = ids[collection] = [];
            // Short registries (paradigms, relation types) come in one page and take no limit.
            var first = $"/api/v1/{collection}?limit=200";
            if ((await client.GetAsync(first)).StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                first = $"/api/v1/{collection}";
            }

            for (string? next = first; next is not null;)
            {
                var page = await client.GetJsonAsync(next);
                list.AddRange(page.GetProperty("items").EnumerateArray()
                    .Select(i => i.TryGetProperty("slug", out var slug) ? slug.GetString()! : i.GetProperty("id").ToString()));
                next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            }
        }

        return ids;
    }

    private static IEnumerable<(string Path, JsonElement Operation)> PublicGets(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out var get) && get.TryGetProperty("security", out var security) && security.GetArrayLength() == 0)
            .Select(p => (p.Name, p.Value.GetProperty("get")));

    /// <summary>The requests that exercise an operation: up to 30 entities spread over its collection, or its required queries.</summary>
    private static IEnumerable<string> Urls(string path, JsonElement operation, Dictionary<string, List<string>> ids)
    {
        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var required = parameters.Where(x => x.GetProperty("in").GetString() == "query" && x.TryGetProperty("required", out var r) && r.GetBoolean())
            .Select(x => x.GetProperty("name").GetString()).ToHashSet();
        if (required.Contains("q"))
        {
            return ((string[])["dpo", "lora", "reinforcement", "偏好优化", "gpt", "distil"]).Select(q => $"{path}?q={Uri.EscapeDataString(q)}");
        }

        if (required.Contains("from"))
        {
            return ((string[])["from=dpo&to=ppo", "from=sft&to=rlhf", "from=lora&to=qlora", "from=grpo&to=ppo"]).Select(q => $"{path}?{q}");
        }

        if (!path.Contains('{', StringComparison.Ordinal))
        {
            return [parameters.Any(x => x.GetProperty("name").GetString() == "limit") ? path + "?limit=200" : path];
        }

        var collection = path.Split('/')[3];
        if (!ids.TryGetValue(collection, out var values) || values.Count == 0 || path.Contains("{referenceSlug}", StringComparison.Ordinal))
        {
            return [];
        }

        var step = Math.Max(1, values.Count / 30);
        return values.Where((_, i) => i % step == 0).Take(30).Select(v => System.Text.RegularExpressions.Regex.Replace(path, @"\{(slug|id)\}", v));
    }

    /// <summary>Walks an instance along its schema, noting for each object schema the members this response has.</summary>
    private static void Walk(JsonElement schemas, JsonElement schema, JsonElement instance, string operation,
        Dictionary<(string, string), HashSet<string>> present, List<string> missing, string? name = null)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!.Split('/')[^1];
            Walk(schemas, schemas.GetProperty(target), instance, operation, present, missing, target);
            return;
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in instance.EnumerateArray())
            {
                Walk(schemas, items, item, operation, present, missing);
            }

            return;
        }

        if (instance.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || name is null)
        {
            return;
        }

        var members = instance.EnumerateObject().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var key = (operation, name);
        if (present.TryGetValue(key, out var seen))
        {
            seen.IntersectWith(members);
        }
        else
        {
            present[key] = members;
        }

        foreach (var member in Required(schemas, name).Where(r => !members.Contains(r)))
        {
            missing.Add($"{operation}: {name}.{member} is required but missing in a response");
        }

        foreach (var member in instance.EnumerateObject())
        {
            if (properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Walk(schemas, memberSchema, member.Value, operation, present, missing);
            }
        }
    }

    private static HashSet<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>TechniqueSummaryListPage -> ListPage: every page schema shares the reason its <c>next</c> is optional.</summary>
    private static string Generic(string schema) => schema.EndsWith("ListPage", StringComparison.Ordinal) ? "ListPage" : schema;
}

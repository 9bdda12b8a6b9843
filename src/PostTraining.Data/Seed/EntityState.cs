using System.Text.Json.Nodes;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Seed;

/// <summary>
/// What the loader writes of an entity, as JSON with slugs instead of ids. Comparing two states decides whether a row
/// needs writing (so a repeated load writes nothing), and the states before and after are what the change feed records.
/// </summary>
internal static class EntityState
{
    public static JsonObject Of(Node node, Func<long?, string?> referenceSlug)
    {
        var state = new JsonObject
        {
            ["kind"] = KindName(node.Kind),
            ["slug"] = node.Slug,
            ["name"] = Text(node.NameEn, node.NameZh),
            ["abbreviation"] = node.Abbreviation,
            ["aliases"] = List(node.Aliases),
            ["description"] = Text(node.DescriptionEn, node.DescriptionZh),
            ["position"] = node.Position,
            ["parent"] = node.Parent?.Slug,
            ["verified"] = node.Verified,
            ["source"] = Source(node.Source, referenceSlug),
        };
        switch (node)
        {
            case Paradigm p:
                state["goal"] = Text(p.GoalEn, p.GoalZh);
                break;
            case Technique t:
                state["techniqueKind"] = t.TechniqueKind == TechniqueKind.Method ? "method" : "technique";
                state["paradigm"] = t.Paradigm?.Slug;
                state["depth"] = t.Depth;
                state["year"] = t.Year;
                state["lacksReference"] = t.LacksReference;
                break;
            case Reference r:
                state["authors"] = List(r.Authors);
                state["year"] = r.Year;
                state["venue"] = r.Venue;
                state["url"] = r.Url;
                state["arxivId"] = r.ArxivId;
                state["doi"] = r.Doi;
                state["authorsTruncated"] = r.AuthorsTruncated;
                state["language"] = r.Language;
                break;
            case Formula f:
                state["technique"] = f.Technique?.Slug;
                state["latex"] = f.Latex;
                state["symbols"] = new JsonArray([.. f.Symbols.Select(s => (JsonNode)new JsonObject
                {
                    ["symbol"] = s.Symbol,
                    ["meaning"] = Text(s.MeaningEn, s.MeaningZh),
                })]);
                break;
            case Model m:
                state["parameters"] = m.Parameters;
                state["organization"] = m.Organization;
                break;
        }

        return state;
    }

    public static JsonObject Of(RelationType type) => new()
    {
        ["slug"] = type.Slug,
        ["name"] = Text(type.NameEn, type.NameZh),
        ["inverseName"] = Text(type.InverseNameEn, type.InverseNameZh),
        ["description"] = Text(type.DescriptionEn, type.DescriptionZh),
        ["symmetric"] = type.Symmetric,
        ["transitive"] = type.Transitive,
        ["acyclic"] = type.Acyclic,
        ["prerequisite"] = type.Prerequisite,
    };

    public static JsonObject Of(TechniqueReference link, Func<long?, string?> referenceSlug) => new()
    {
        ["technique"] = link.Technique.Slug,
        ["reference"] = link.Reference.Slug,
        ["role"] = RoleName(link.Role),
        ["source"] = Source(link.Source, referenceSlug),
    };

    public static JsonObject Of(Relationship relationship, Func<long?, string?> referenceSlug) => new()
    {
        ["type"] = relationship.Type.Slug,
        ["source"] = NodeKey(relationship.SourceNode),
        ["target"] = NodeKey(relationship.TargetNode),
        ["note"] = Text(relationship.NoteEn, relationship.NoteZh),
        ["verified"] = relationship.Verified,
        ["provenance"] = Source(relationship.Source, referenceSlug),
    };

    public static string KindName(NodeKind kind) => kind.ToString().ToLowerInvariant();

    public static string NodeKey(Node node) => $"{KindName(node.Kind)}:{node.Slug}";

    public static string RoleName(ReferenceRole role) => role.ToString().ToLowerInvariant();

    private static JsonObject? Text(string? en, string? zh) =>
        en is null && zh is null ? null : new JsonObject { ["en"] = en, ["zh"] = zh };

    private static JsonArray List(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static JsonObject Source(Provenance source, Func<long?, string?> referenceSlug) => new()
    {
        ["kind"] = source.Kind.ToString().ToLowerInvariant(),
        ["document"] = source.Document,
        ["section"] = source.Section,
        ["reference"] = referenceSlug(source.ReferenceId),
        ["original"] = source.Original,
    };
}

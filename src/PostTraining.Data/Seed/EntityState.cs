using System.Text.Json;
using System.Text.Json.Nodes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Seed;

/// <summary>
/// What the loader writes of an entity. <see cref="Of(Node, Func{long?, string?})"/> is its content, the contract
/// record the change feed records as before/after (the same members the write endpoints record);
/// <see cref="Compared"/> adds the provenance, so a repeated load writes nothing and a changed section still updates.
/// </summary>
internal static class EntityState
{
    public static JsonObject Of(Node node, Func<long?, string?> referenceSlug) => Json(Content(node, referenceSlug));

    public static JsonObject Of(RelationType type) => Json(ContentOf.RelationType(type));

    public static JsonObject Of(TechniqueReference link) =>
        Json(ContentOf.TechniqueReference(link.Technique.Slug, link.Reference.Slug, link.Role));

    public static JsonObject Of(Relationship r, Func<long?, string?> referenceSlug) =>
        Json(ContentOf.Relationship(r, r.Type.Slug, NodeKey(r.SourceNode), NodeKey(r.TargetNode), referenceSlug(r.Source.ReferenceId)));

    /// <summary>The content plus the provenance the loader also writes (never part of the feed).</summary>
    public static JsonObject Compared(JsonObject content, Provenance source, Func<long?, string?> referenceSlug)
    {
        var state = (JsonObject)content.DeepClone();
        state["$provenance"] = new JsonObject
        {
            ["kind"] = Wire.SourceKinds.Name(source.Kind),
            ["document"] = source.Document,
            ["section"] = source.Section,
            ["reference"] = referenceSlug(source.ReferenceId),
            ["original"] = source.Original,
        };
        return state;
    }

    public static string KindName(NodeKind kind) => Wire.NodeKinds.Name(kind);

    public static string NodeKey(Node node) => Wire.NodeKey(node.Kind, node.Slug);

    private static object Content(Node node, Func<long?, string?> referenceSlug) => node switch
    {
        Paradigm p => ContentOf.Paradigm(p),
        Technique t => ContentOf.Technique(t, t.Paradigm?.Slug, t.Parent?.Slug),
        Reference r => ContentOf.Reference(r),
        Formula f => ContentOf.Formula(f, f.Technique?.Slug, referenceSlug(f.Source.ReferenceId)),
        Model m => ContentOf.Model(m, referenceSlug(m.Source.ReferenceId)),
        _ => node.Kind switch
        {
            NodeKind.Dataset => ContentOf.Dataset(node, node.Parent?.Slug, referenceSlug(node.Source.ReferenceId)),
            NodeKind.Application => ContentOf.Application(node, node.Parent?.Slug),
            _ => ContentOf.Limitation(node),
        },
    };

    private static JsonObject Json(object content) => JsonSerializer.SerializeToNode(content, content.GetType(), ContentJson.Options)!.AsObject();
}

using PostTraining.Data.Content;

namespace PostTraining.Api.ReadModel;

/// <summary>Maps snapshot nodes to the members every representation shares.</summary>
public static class RepresentationMapping
{
    public static LocalizedText? Name(this SnapshotNode node) => LocalizedText.Of(node.Row.NameEn, node.Row.NameZh);

    /// <summary>
    /// The name of a paradigm or technique, or the title of a reference: every write requires it (InputValidation)
    /// and so do the data files, so representations type it as always present; the slug stands in should a row lack it.
    /// </summary>
    public static LocalizedText RequiredName(this SnapshotNode node) => node.Name() ?? new LocalizedText(node.Slug);

    /// <summary>A reference's title: its English name, else (a Chinese-only work) its Chinese one; see <see cref="RequiredName"/>.</summary>
    public static string Title(this SnapshotNode reference) => reference.Row.NameEn ?? reference.Row.NameZh ?? reference.Slug;

    /// <summary>
    /// A technique's paradigm: every write sets it (given, or the parent's) and so does the loader, so representations
    /// type it as always present.
    /// </summary>
    public static SnapshotNode RequiredParadigm(this SnapshotNode technique) =>
        technique.Paradigm ?? throw new InvalidOperationException($"Technique '{technique.Slug}' has no paradigm.");

    public static LocalizedText? Description(this SnapshotNode node) => LocalizedText.Of(node.Row.DescriptionEn, node.Row.DescriptionZh);

    public static NodeLink ToLink(this SnapshotNode node) => new(node.KindName, node.Slug, node.Name(), node.Url);

    public static SourceInfo ToSourceInfo(this SourceRow source, TaxonomySnapshot snapshot) => new(
        Wire.SourceKinds.Name(source.Kind),
        source.Document,
        source.Section,
        source.ReferenceId is { } id && snapshot.TryGetNodeById(id, out var reference) ? reference.ToLink() : null,
        source.Original);

    public static RelationshipsView RelationshipsOf(SnapshotNode node) => new(
        node.Outgoing.Select(e => new RelationshipEnd(e.Id, e.Type.Slug, TypeName(e.Type), e.Target.ToLink(), null, e.Url)).ToArray(),
        node.Incoming.Select(e => new RelationshipEnd(e.Id, e.Type.Slug, InverseName(e.Type), null, e.Source.ToLink(), e.Url)).ToArray());

    public static LocalizedText TypeName(RelationTypeRow type) => LocalizedText.Of(type.NameEn, type.NameZh) ?? new LocalizedText(type.Slug, null);

    /// <summary>The name read from target to source; a symmetric type reads the same both ways.</summary>
    public static LocalizedText InverseName(RelationTypeRow type) =>
        type.Symmetric ? TypeName(type) : LocalizedText.Of(type.InverseNameEn, type.InverseNameZh) ?? TypeName(type);

    public static string TechniqueKindName(this SnapshotNode node) => Wire.TechniqueKinds.Name(node.Row.TechniqueKind);
}

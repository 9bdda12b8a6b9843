using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.References;

public static class ReferenceMapping
{
    /// <summary>The reference's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody ReferenceDetailBody(this SnapshotNode r, TaxonomySnapshot snapshot) =>
        Details.Node(snapshot, r, () => ApiJson.Body(r.ToReferenceDetail(snapshot), ReferenceJson.Context.ReferenceDetail));

    public static ReferenceSummary ToReferenceSummary(this SnapshotNode r) =>
        new(r.Slug, r.Title(), r.Row.Authors, r.Row.Year, r.Row.Venue, r.Row.ArxivId, r.Row.Url, r.Row.Language, r.Url, r.Row.Doi, r.Row.AuthorsTruncated);

    public static ReferenceDetail ToReferenceDetail(this SnapshotNode r, TaxonomySnapshot snapshot) => new(
        r.Slug,
        r.Title(),
        r.RequiredName(),
        r.Row.Authors,
        r.Row.Year,
        r.Row.Venue,
        r.Row.ArxivId,
        r.Row.Url,
        r.Row.Language,
        r.Url,
        r.Row.Doi,
        r.Row.AuthorsTruncated,
        r.CitedBy.Select(l => new ReferenceTechnique(l.Other.Slug, l.Other.Name(), Wire.ReferenceRoles.Name(l.Role), l.Other.Url)).ToArray(),
        RepresentationMapping.RelationshipsOf(r),
        r.Row.Source.ToSourceInfo(snapshot),
        r.Row.Verified,
        r.Row.CreatedAt,
        r.Row.UpdatedAt,
        $"{r.Url}?format=bibtex");
}

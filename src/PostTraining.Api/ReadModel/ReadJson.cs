using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PostTraining.Api.Catalog;
using PostTraining.Api.Graph;
using PostTraining.Api.Http;
using PostTraining.Api.Infrastructure;
using PostTraining.Api.Paradigms;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Search;
using PostTraining.Api.Taxonomy;
using PostTraining.Api.Techniques;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Serialization of read representations through compile-time generated metadata (no reflection on the hot path),
/// with the API's shared options: camelCase, nulls omitted, CJK written as characters.
/// </summary>
public static class ReadJson
{
    public static readonly ReadJsonContext Context = CreateContext();

    public static CachedBody Body<T>(T value, JsonTypeInfo<T> info, bool cacheCompressed = true) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, info), MediaFormat.Json.MediaType, cacheCompressed);

    private static ReadJsonContext CreateContext()
    {
        var options = new JsonSerializerOptions();
        ApiInfrastructure.Configure(options);
        return new ReadJsonContext(options);
    }
}

[JsonSerializable(typeof(TechniqueSummary))]
[JsonSerializable(typeof(ListPage<TechniqueSummary>))]
[JsonSerializable(typeof(TechniqueDetail))]
[JsonSerializable(typeof(ListPage<TechniqueReference>))]
[JsonSerializable(typeof(ParadigmSummary))]
[JsonSerializable(typeof(ListPage<ParadigmSummary>))]
[JsonSerializable(typeof(ParadigmDetail))]
[JsonSerializable(typeof(ReferenceSummary))]
[JsonSerializable(typeof(ListPage<ReferenceSummary>))]
[JsonSerializable(typeof(ReferenceDetail))]
[JsonSerializable(typeof(RelationshipItem))]
[JsonSerializable(typeof(ListPage<RelationshipItem>))]
[JsonSerializable(typeof(RelationTypeItem))]
[JsonSerializable(typeof(ListPage<RelationTypeItem>))]
[JsonSerializable(typeof(CatalogSummary))]
[JsonSerializable(typeof(ListPage<CatalogSummary>))]
[JsonSerializable(typeof(CatalogDetail))]
[JsonSerializable(typeof(FormulaSummary))]
[JsonSerializable(typeof(ListPage<FormulaSummary>))]
[JsonSerializable(typeof(FormulaDetail))]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(Neighborhood))]
[JsonSerializable(typeof(PathResults))]
[JsonSerializable(typeof(ReadingOrder))]
[JsonSerializable(typeof(TaxonomyDocument))]
public sealed partial class ReadJsonContext : JsonSerializerContext;

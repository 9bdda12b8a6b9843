using System.Text.Json.Serialization;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Techniques;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(TechniqueSummary))]
[JsonSerializable(typeof(ListPage<TechniqueSummary>))]
[JsonSerializable(typeof(TechniqueDetail))]
[JsonSerializable(typeof(ListPage<TechniqueReference>))]
public sealed partial class TechniqueJson : JsonSerializerContext
{
    public static readonly TechniqueJson Context = new(ApiJson.CreateOptions());
}

using System.Text.Json.Serialization;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.References;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(ReferenceSummary))]
[JsonSerializable(typeof(ListPage<ReferenceSummary>))]
[JsonSerializable(typeof(ReferenceDetail))]
public sealed partial class ReferenceJson : JsonSerializerContext
{
    public static readonly ReferenceJson Context = new(ApiJson.CreateOptions());
}

using System.Text.Json.Serialization;
using PostTraining.Api.Http;

namespace PostTraining.Api.Graph;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(Neighborhood))]
[JsonSerializable(typeof(PathResults))]
[JsonSerializable(typeof(ReadingOrder))]
public sealed partial class GraphJson : JsonSerializerContext
{
    public static readonly GraphJson Context = new(ApiJson.CreateOptions());
}

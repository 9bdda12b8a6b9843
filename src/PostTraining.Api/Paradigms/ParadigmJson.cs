using System.Text.Json.Serialization;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Paradigms;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(ParadigmSummary))]
[JsonSerializable(typeof(ListPage<ParadigmSummary>))]
[JsonSerializable(typeof(ParadigmDetail))]
public sealed partial class ParadigmJson : JsonSerializerContext
{
    public static readonly ParadigmJson Context = new(ApiJson.CreateOptions());
}

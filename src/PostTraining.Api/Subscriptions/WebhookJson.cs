using System.Text.Json.Serialization;
using PostTraining.Api.Http;

namespace PostTraining.Api.Subscriptions;

/// <summary>Compile-time serialization metadata of the delivery body, with the API's JSON options.</summary>
[JsonSerializable(typeof(WebhookPayload))]
public sealed partial class WebhookJson : JsonSerializerContext
{
    public static readonly WebhookJson Context = new(ApiJson.CreateOptions());
}

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>Webhook settings that keep the tests quick: private targets allowed, short backoff, lease and poll.</summary>
public static class WebhookSettings
{
    public static readonly IReadOnlyDictionary<string, string> Quick = new Dictionary<string, string>
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:InitialBackoff"] = "00:00:00.100",
        ["Webhooks:MaxBackoff"] = "00:00:00.500",
        ["Webhooks:Lease"] = "00:00:05",
        ["Webhooks:Timeout"] = "00:00:03",
        ["Webhooks:PollInterval"] = "00:00:00.500",
    };

    /// <summary>The same as environment variables, for an API process.</summary>
    public static Dictionary<string, string> Environment() => Quick.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value);
}

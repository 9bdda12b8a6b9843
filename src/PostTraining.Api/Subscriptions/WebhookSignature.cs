using System.Security.Cryptography;
using System.Text;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// Secrets and signatures as the Standard Webhooks specification has them: a secret is <c>whsec_</c> + base64 of
/// random bytes, and <c>webhook-signature</c> is <c>v1,</c> + base64 HMAC-SHA256, keyed with the decoded secret, of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>The <c>webhook-id</c> of a change sent to a subscription: the same on every retry and redelivery.</summary>
    public static string MessageId(long subscriptionId, long changeId) => $"msg_{subscriptionId}_{changeId}";
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// Keeps a key holder from aiming the service at internal hosts: unless <c>Webhooks:AllowPrivateTargets</c> is on, a
/// target must be https and resolve only to public addresses. Checked when subscribing (a 400) and again on every
/// connection (<see cref="ConnectAsync"/>), so a name that resolves elsewhere later (DNS rebinding) gains nothing.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    private static readonly IPNetwork[] NonPublic =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3", "::/128", "::1/128", "64:ff9b::/96", "fc00::/7", "fe80::/10", "ff00::/8",
        }.Select(IPNetwork.Parse),
    ];

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public bool AllowPrivate => options.Value.AllowPrivateTargets;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return !NonPublic.Any(n => n.Contains(address));
    }

    /// <summary>What is wrong with <paramref name="url"/> as a target, or null when it may be subscribed.</summary>
    public async Task<string?> ProblemAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "Must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "Must carry no credentials and no fragment.";
        }

        if (AllowPrivate)
        {
            return null;
        }

        if (uri.Scheme != "https")
        {
            return "Must be https: plain http targets are refused (Webhooks:AllowPrivateTargets allows them).";
        }

        IPAddress[] addresses;
        try
        {
            // Bounded, so a resolver that does not answer cannot hold the request.
            using var resolving = CancellationTokenSource.CreateLinkedTokenSource(ct);
            resolving.CancelAfter(ResolveTimeout);
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, resolving.Token);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return $"The host '{uri.Host}' does not resolve.";
        }

        return addresses.Length == 0 ? $"The host '{uri.Host}' does not resolve."
            : addresses.All(IsPublic) ? null
            : $"The host '{uri.Host}' is a loopback, private or link-local address; such targets are refused (Webhooks:AllowPrivateTargets allows them).";
    }

    /// <summary>The connect step of the delivery client: resolves the host itself and connects only to addresses allowed now.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = AllowPrivate ? addresses : [.. addresses.Where(IsPublic)];
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"The target host '{endpoint.Host}' resolves to no address webhooks may reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

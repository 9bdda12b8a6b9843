using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PostTraining.Api.Proxy;

/// <summary>
/// Honours X-Forwarded-For/-Proto/-Host only from the proxies configured under <c>ForwardedHeaders</c>
/// (<c>KnownProxies</c>: addresses, <c>KnownNetworks</c>: CIDR ranges). With none configured nothing is trusted, not
/// even loopback, so a client cannot pick its own address (and so its rate-limit bucket) or the host of the links
/// the service writes. Behind nginx, list nginx's address and absolute links, Location and per-client limits follow
/// the original request.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.AddSingleton(new TrustedProxies(proxies.Length + networks.Length > 0));

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies holds '{proxy}', which is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks holds '{network}', which is not a CIDR range such as 10.0.0.0/8."));
            }

            if (section.GetValue<int?>("ForwardLimit") is { } limit)
            {
                options.ForwardLimit = limit;
            }
        });
    }

    /// <summary>Runs first, so everything after it (links, rate limits, logs) sees the original client and host.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        // The middleware trusts every sender when its lists are empty, so with nothing configured it must not run.
        if (app.Services.GetRequiredService<TrustedProxies>().Any)
        {
            app.UseForwardedHeaders();
        }
    }

    private sealed record TrustedProxies(bool Any);
}

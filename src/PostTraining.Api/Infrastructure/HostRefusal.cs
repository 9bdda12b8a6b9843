using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PostTraining.Api.Infrastructure;

/// <summary>
/// A request whose Host is not in <c>AllowedHosts</c> (default <c>localhost;127.0.0.1;[::1]</c>) is refused with 400
/// problem+json naming the host. ASP.NET Core's host filtering does the refusing, but the instance the framework
/// adds runs before every other middleware, where its 400 cannot be problem+json; so that one lets every host
/// through and a second instance runs after the problem writers, with the configured hosts.
/// </summary>
internal static class HostRefusal
{
    public static void AddHostRefusal(this WebApplicationBuilder builder)
    {
        var hosts = (builder.Configuration["AllowedHosts"] ?? "*")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.Services.AddSingleton(new AllowedHosts(new HostFilteringOptions { AllowedHosts = hosts, IncludeFailureMessage = false }));
        builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
    }

    public static void UseHostRefusal(this WebApplication app) =>
        app.UseMiddleware<HostFilteringMiddleware>(app.Services.GetRequiredService<AllowedHosts>());

    /// <summary>The problem's detail when <paramref name="context"/> was refused for its Host, else null.</summary>
    public static string? Detail(HttpContext context)
    {
        var allowed = context.RequestServices.GetService<AllowedHosts>()?.CurrentValue.AllowedHosts;
        if (allowed is null || allowed.Contains("*") || HostString.MatchesAny(context.Request.Host.Host, [.. allowed.Select(h => new StringSegment(h))]))
        {
            return null;
        }

        return $"This service does not answer to the host '{context.Request.Host}'. The hosts it answers to are set by AllowedHosts ({string.Join(";", allowed)}).";
    }

    /// <summary>The configured hosts, as the options the second host filter reads (they never change at run time).</summary>
    internal sealed class AllowedHosts(HostFilteringOptions options) : IOptionsMonitor<HostFilteringOptions>
    {
        public HostFilteringOptions CurrentValue => options;

        public HostFilteringOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<HostFilteringOptions, string?> listener) => null;
    }
}

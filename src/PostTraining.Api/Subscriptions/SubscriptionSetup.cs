using Microsoft.Extensions.Options;

namespace PostTraining.Api.Subscriptions;

/// <summary>Registers webhook subscriptions: options, the delivery client, the queue and the dispatcher of this process.</summary>
public static class SubscriptionSetup
{
    public static void AddSubscriptions(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookFanOut>();
        builder.Services.AddSingleton<WebhookQueue>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.ClientName, (services, client) =>
            {
                client.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("PostTraining-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                // Every connection goes through the target check, so a name that resolves to an internal host later is refused then.
                ConnectCallback = services.GetRequiredService<WebhookTargets>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.ConfigureSwaggerGen(o => o.DocumentFilter<WebhooksOpenApi>());
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.BrowserTests.Infrastructure;

/// <summary>The real app on a real Kestrel port (a browser cannot reach the in-memory TestServer), on its own database.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        // ApiFactory starts the in-memory server; here the same settings start Kestrel on a free port instead.
        UseDatabase(await TestPostgres.NewDatabaseAsync("b"));
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }
}

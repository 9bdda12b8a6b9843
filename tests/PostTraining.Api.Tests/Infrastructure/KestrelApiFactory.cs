using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port, on its own database: for clients in another process (a browser, the client
/// sample) that cannot reach the in-memory TestServer.
/// </summary>
public class KestrelApiFactory : ApiFactory
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

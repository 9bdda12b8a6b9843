using PostTraining.Api.Cli;
using PostTraining.Api.Database;
using PostTraining.Api.Health;
using PostTraining.Api.Infrastructure;

// import / load run and exit here, before any web host exists.
if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

await builder.AddDatabaseAsync();
builder.AddApiInfrastructure();
builder.AddHealth();

var app = builder.Build();

app.UseApiInfrastructure();
app.MapHealth();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;

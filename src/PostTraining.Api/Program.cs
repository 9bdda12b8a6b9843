using PostTraining.Api.Cli;
using PostTraining.Api.Database;
using PostTraining.Api.Explorer;
using PostTraining.Api.Health;
using PostTraining.Api.Infrastructure;
using PostTraining.Api.Observability;

// import / load run and exit here, before any web host exists.
if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

await builder.AddDatabaseAsync();
builder.AddApiInfrastructure();
builder.AddObservability();
builder.AddHealth();

var app = builder.Build();

app.UseApiInfrastructure();
app.UseExplorer();
app.MapHealth();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;

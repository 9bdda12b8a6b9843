using PostTraining.Api.Auth;
using PostTraining.Api.Catalog;
using PostTraining.Api.Changes;
using PostTraining.Api.Cli;
using PostTraining.Api.Database;
using PostTraining.Api.Explorer;
using PostTraining.Api.Export;
using PostTraining.Api.Graph;
using PostTraining.Api.Health;
using PostTraining.Api.Infrastructure;
using PostTraining.Api.MovedAndGone;
using PostTraining.Api.Observability;
using PostTraining.Api.Paradigms;
using PostTraining.Api.Proxy;
using PostTraining.Api.RateLimiting;
using PostTraining.Api.ReadModel;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Search;
using PostTraining.Api.Taxonomy;
using PostTraining.Api.Techniques;
using PostTraining.Api.Writes;

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
builder.AddReadModel();
builder.AddTrustedProxies();
builder.AddApiKeys();
builder.AddApiRateLimiting();
builder.AddWrites();
builder.AddMovedAndGone();

var app = builder.Build();

app.UseTrustedProxies();
app.UseApiInfrastructure();
app.UseExplorer();
// Explicit, so the limiter and the key middleware after it see the matched endpoint (and 404/405 stay routing's).
app.UseRouting();
app.UseApiRateLimiting();
app.UseApiKeys();
app.UseMovedAndGone();
app.MapHealth();
app.MapApiKeys();
app.MapChanges();
app.MapTaxonomy();
app.MapParadigms();
app.MapTechniques();
app.MapSearch();
app.MapGraph();
app.MapReferences();
app.MapRelationships();
app.MapCatalog();
app.MapWrites();
app.MapExport();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;

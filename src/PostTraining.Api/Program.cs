using PostTraining.Api.Catalog;
using PostTraining.Api.Cli;
using PostTraining.Api.Database;
using PostTraining.Api.Graph;
using PostTraining.Api.Health;
using PostTraining.Api.Infrastructure;
using PostTraining.Api.Paradigms;
using PostTraining.Api.ReadModel;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Search;
using PostTraining.Api.Taxonomy;
using PostTraining.Api.Techniques;

// import / load run and exit here, before any web host exists.
if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

await builder.AddDatabaseAsync();
builder.AddApiInfrastructure();
builder.AddHealth();
builder.AddReadModel();

var app = builder.Build();

app.UseApiInfrastructure();
app.MapHealth();
app.MapTaxonomy();
app.MapParadigms();
app.MapTechniques();
app.MapSearch();
app.MapGraph();
app.MapReferences();
app.MapRelationships();
app.MapCatalog();

await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;

using PostTraining.Api.Auth;
using PostTraining.Api.Catalog;
using PostTraining.Api.Changes;
using PostTraining.Api.Comparisons;
using PostTraining.Api.Database;
using PostTraining.Api.Explorer;
using PostTraining.Api.Export;
using PostTraining.Api.Graph;
using PostTraining.Api.Health;
using PostTraining.Api.Http;
using PostTraining.Api.Infrastructure;
using PostTraining.Api.Mcp;
using PostTraining.Api.MovedAndGone;
using PostTraining.Api.Observability;
using PostTraining.Api.Paradigms;
using PostTraining.Api.Proxy;
using PostTraining.Api.RateLimiting;
using PostTraining.Api.ReadModel;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Search;
using PostTraining.Api.Subscriptions;
using PostTraining.Api.Taxonomy;
using PostTraining.Api.Techniques;
using PostTraining.Api.Writes;

namespace PostTraining.Api;

/// <summary>The web host's composition: every feature's services, middleware and routes, in the order they run.</summary>
public static class PostTrainingApi
{
    /// <summary>Configuration, database, read model, keys, limits and writes.</summary>
    public static async Task AddPostTrainingApiAsync(this WebApplicationBuilder builder)
    {
        await builder.AddDatabaseAsync();
        builder.AddApiInfrastructure();
        builder.AddObservability();
        builder.AddHealth();
        builder.AddReadModel();
        builder.AddSearch();
        builder.AddTrustedProxies();
        builder.AddApiKeys();
        builder.AddApiRateLimiting();
        builder.AddWrites();
        builder.AddChangeStream();
        builder.Services.AddSingleton<IEntityDirectory, SnapshotEntityDirectory>();
        builder.Services.AddSingleton(AbsoluteUrl.FromConfiguration(builder.Configuration));
        builder.AddSubscriptions();
        builder.AddMovedAndGone();
        builder.AddMcp();
        builder.AddExplorer();
    }

    /// <summary>The middleware pipeline and every feature's routes.</summary>
    public static WebApplication MapPostTrainingApi(this WebApplication app)
    {
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
        app.MapComparisons();
        app.MapReferenceImport();
        app.MapExport();
        app.MapSubscriptions();
        app.MapExplorer();
        app.MapMcpEndpoint();
        app.MapLlmsTxt();
        return app;
    }
}

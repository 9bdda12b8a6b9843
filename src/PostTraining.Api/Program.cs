using PostTraining.Api.Auth;
using PostTraining.Api.Changes;
using PostTraining.Api.Database;
using PostTraining.Api.Health;
using PostTraining.Api.Infrastructure;
using PostTraining.Api.Proxy;
using PostTraining.Api.RateLimiting;

var builder = WebApplication.CreateBuilder(args);

await builder.AddDatabaseAsync();
builder.AddApiInfrastructure();
builder.AddHealth();
builder.AddTrustedProxies();
builder.AddApiKeys();
builder.AddApiRateLimiting();

var app = builder.Build();

app.UseTrustedProxies();
app.UseApiInfrastructure();
// Explicit, so the limiter and the key middleware after it see the matched endpoint (and 404/405 stay routing's).
app.UseRouting();
app.UseApiRateLimiting();
app.UseApiKeys();
app.MapHealth();
app.MapApiKeys();
app.MapChanges();

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The web host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;

using PostTraining.Api;
using PostTraining.Api.Cli;
using PostTraining.Api.Database;

// import / load / export run and exit here, before any web host exists.
if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
await builder.AddPostTrainingApiAsync();
var app = builder.Build().MapPostTrainingApi();
await app.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;

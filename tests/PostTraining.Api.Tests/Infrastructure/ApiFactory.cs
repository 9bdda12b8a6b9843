using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>
/// The real app over its own database on the shared test PostgreSQL. Used as a class fixture: a test class owns the
/// database its factory creates.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new();

    public string ConnectionString { get; private set; } = "";

    public const string AdminKey = "test-admin-key-0123456789abcdef";

    /// <summary>Adds or overrides configuration before the host starts.</summary>
    public ApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Points the app at an existing database instead of a fresh one (e.g. to start twice on one database).</summary>
    public ApiFactory UseDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        return this;
    }

    public virtual async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0)
        {
            ConnectionString = await TestPostgres.NewDatabaseAsync();
        }

        // Start the host now so start-up failures surface in the fixture, not in the first test.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Auth:AdminKey", AdminKey);
        builder.UseSetting("RateLimiting:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

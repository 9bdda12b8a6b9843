using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Auth;

public sealed class BootstrapKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheBootstrapKeyStopsWorkingWhenItIsRemovedFromConfiguration()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.AdminClient().GetAsync("/api/v1/keys")).StatusCode);
        var configuration = api.Services.GetRequiredService<IConfiguration>();

        try
        {
            configuration["Auth:AdminKey"] = null;
            var response = await api.AdminClient().GetAsync("/api/v1/keys");
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            configuration["Auth:AdminKey"] = ApiFactory.AdminKey;
        }
    }

    [Fact]
    public async Task WithoutABootstrapKeyConfiguredNoWriteIsPossible()
    {
        await using var unconfigured = new ApiFactory().With("Auth:AdminKey", "");
        await unconfigured.InitializeAsync();

        var response = await unconfigured.AdminClient().DeleteAsync("/api/v1/keys/1");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var empty = unconfigured.ClientWithKey(null);
        empty.DefaultRequestHeaders.Add("X-Api-Key", "");
        await (await empty.DeleteAsync("/api/v1/keys/1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Reliability;

/// <summary>
/// Tests that measure allocation with the process-wide counter: they run alone, after the parallel collections,
/// because any test running beside them (a snapshot load, a document walk) adds its own allocations to the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}

/// <summary>A request with thousands of query parameters is refused without the server allocating much for it.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class QueryFloodAllocationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ThousandsOfQueryParametersAreRefusedCheaply()
    {
        using var client = api.CreateClient();
        var url = "/api/v1/techniques?" + string.Join('&', Enumerable.Range(0, 5000).Select(i => $"p{i}={i}"));
        var before = GC.GetTotalAllocatedBytes(precise: false);
        using var response = await client.GetAsync(url);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(allocated < 64L * 1024 * 1024, $"refusing the request allocated {allocated / (1024 * 1024)} MB");
    }
}

using PostTraining.Api.Tests.Auth;

namespace PostTraining.Api.Tests.Platform;

/// <summary>A first start on an empty database logs what it does and nothing alarming (no failed command, no error).</summary>
public sealed class FirstStartLogTests
{
    [Fact]
    public async Task AFirstStartMigratesAndLoadsWithoutAnErrorLine()
    {
        await using var api = new LogCapturingApiFactory();
        await ((IAsyncLifetime)api).InitializeAsync();
        var lines = api.Lines.ToArray();

        Assert.Contains(lines, l => l.Contains("Applying migration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Taxonomy data loaded", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Failed executing DbCommand", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" Error: ", StringComparison.Ordinal) || l.Contains(" Critical: ", StringComparison.Ordinal));
    }
}
